"""Key figures: the plan's targets (parse.py), each set against last year's result (match.py), and a
chart of the growth rates (chart.py, drawn by templates/partials/chart.svg)."""
