"""The partnership agreement (porozumienie partnerskie): the case kind of DESIGN.md,
"Partnership agreement"."""
