"""How text becomes stories: plain-text releases (``text``), WordPress exports (``wxr``).

``common`` holds what both share, ``runner`` runs many inputs with one transaction each and
builds the report that the commands print and the admin import page shows.
"""
