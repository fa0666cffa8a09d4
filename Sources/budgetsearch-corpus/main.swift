print("budgetsearch-corpus: not yet")
