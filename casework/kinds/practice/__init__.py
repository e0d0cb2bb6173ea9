"""The good practice (dobra praktyka): the third case kind (DESIGN.md, "Good-practice
submission")."""
