"""The case kinds, one package (an installed app) each; they register in
``casework.registry`` and casework's shared modules never import them."""
