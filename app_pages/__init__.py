"""The pages of the govkg app, one module each (see app.py)."""
