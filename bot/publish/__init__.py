"""The public site: static pages, Atom feeds, CAP 1.2 messages and a NINA-style JSON of the
city's warnings, written from the database for any web server (README: "Public site")."""
