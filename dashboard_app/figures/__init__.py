"""Pure data -> plotly Figure builders; no Flask, Dash or database imports here."""
