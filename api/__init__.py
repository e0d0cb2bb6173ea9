"""The API: public open data and a staff API that asks the same permission rules as the
pages (DESIGN.md, "Architecture": top layer, nothing imports it)."""
