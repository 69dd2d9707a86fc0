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
