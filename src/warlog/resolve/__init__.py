"""Resolution of what extraction found: dates, places, actors."""
