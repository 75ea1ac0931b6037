from pathlib import Path

# Real reports, seeds and reference files, with their attribution (README.md there).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
