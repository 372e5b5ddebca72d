"""The portfolio: several companies assessed in one run, each on its own, and the summary that sets them side by side.

    one-profile documents (checker.report.contract) ──summary──▶ a row per company, the portfolio document
                                                     ──table──▶ the terminal table, CSV
                                                     ──page──▶ the portfolio page (HTML, PDF)
                                                     ──merged──▶ one document for the CI formats

There is no pooled score: a score is one company's. See docs/portfolio.md.
"""
