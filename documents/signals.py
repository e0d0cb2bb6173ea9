"""Signals of the register, for apps that keep their own record of what happened.

``document_event_recorded`` is sent inside the transaction that appends a correction or a
revocation (``documents.services``), with ``event`` (a ``DocumentEvent``) and ``source``
(the document's source object). The documents app knows no case type, so an app that
keeps a case history (casework) may listen and add the act to its own log.
"""

from django.dispatch import Signal

document_event_recorded = Signal()
