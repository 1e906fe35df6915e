"""Pure pandas/numpy analytics; results are frozen dataclasses. No Flask, Dash or database."""
