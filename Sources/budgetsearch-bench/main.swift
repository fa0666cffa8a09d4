print("budgetsearch-bench: not yet")
