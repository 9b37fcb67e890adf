"""One screen per step of the journey, plus reusable widgets (Textual only here)."""
