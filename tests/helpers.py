"""Small Russian page dumps written for the tests."""

PAGE = """Ru En

Лавров и Чавушоглу обсудили по телефону ситуацию в Сирии

12 марта 2021

Министр иностранных дел России Сергей Лавров в среду провел телефонный разговор с главой МИД Турции Мевлютом Чавушоглу.

"Стороны обсудили ситуацию в Сирии", - сообщили в МИД России.

По материалам РИА Новости
"""

PAGE_NO_DATE = """Шойгу прибыл с визитом в Минск

Министр обороны России Сергей Шойгу вчера прибыл в Минск, где провел переговоры с белорусским коллегой.
"""


def write_pages(folder, pages):
    paths = []
    for name, text in pages.items():
        path = folder / name
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
    return paths


SAVED_PAGE_ASSETS = {
    "app.js": b"window.dataLayer = window.dataLayer || [];\n",
    "vendor.min.js": b"!function(e){var t={};return e}([]);\n",
    "style.css": b"body { margin: 0; font-family: sans-serif; }\n",
    "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01",
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "spinner.gif": b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
    "icon.svg": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n',
    "font.woff": b"wOFF\x00\x01\x00\x00\x00\x00",
    "favicon.ico": b"\x00\x00\x01\x00\x01\x00\x10\x10",
    "manifest.json": b'{\n  "name": "\xd0\x92\xd0\xb5\xd1\x81\xd1\x82\xd0\xbd\xd0\xb8\xd0\xba",\n'
                     b'  "icons": []\n}\n',
    "saved_resource": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # an image with no extension
}


def write_saved_page(folder, html: bytes):
    """A browser's "Save page as" folder: page.html and page_files/ with its assets."""
    (folder / "page_files").mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_bytes(html)
    for name, data in SAVED_PAGE_ASSETS.items():
        (folder / "page_files" / name).write_bytes(data)
    return folder


# Terminal control sequences in an article: colour (CSI … m), a window title (OSC … BEL),
# a carriage return and a backspace. None of them may reach a terminal.
HOSTILE = ("\x1b[31m", "\x1b]0;pwn\x07", "\r", "\x08")
HOSTILE_PAGE = """Ru En

Лавров\x1b[31m и Чавушоглу\x1b]0;pwn\x07 обсудили по телефону ситуацию в Сирии

12 марта 2021

Министр иностранных дел России Сергей Лавров\x08 в среду провел телефонный разговор\x1b]0;pwn\x07 с главой МИД Турции Мевлютом Чавушоглу\x1b[31m.\r

"Стороны обсудили ситуацию в Сирии\x08", - сообщили в МИД России\x1b[31m.

По материалам РИА Новости
"""
