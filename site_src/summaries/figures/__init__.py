"""Key figures: the grammar made from the genre's words (words.py), the plan's targets and the
review's results read with it (parse.py), each target set against last year's result (match.py),
a chart of the growth rates (chart.py, drawn by templates/partials/chart.html) and the figures as
CSV and JSON (export.py)."""
