"""Issues and results → sheets, text, JSON. The only place where messages are rendered for people."""
