"""Training the learned components from the public train splits (`warlog train`); the trained models ship in
`warlog/models/`, so users never run this."""
