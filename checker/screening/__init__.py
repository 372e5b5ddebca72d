"""Name screening: parties' names compared with the entries of screening lists, as a screener would.

`names` turns a written name into comparable keys (case, width, punctuation, legal forms, traditional Chinese,
a pinyin reading set aside); `matcher` indexes a list's names and scores a party's names against the few
entries that share a token with them, returning strong and possible matches. Evaluation reaches it only through
the derived facts of `checker.facts`; docs/screening.md gives the thresholds and why they are where they are.
"""
