"""Quality evaluations on gold data: NER, dates, linking, events, meetings."""
