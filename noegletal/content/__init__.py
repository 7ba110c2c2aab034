"""The content layer: every sentence, table and mark a reader sees, worded from the named queries.

One module per question; the dashboard's pages and the pack writers (noegletal.exports) only lay
out what these return, and nothing here imports Streamlit or a file writer:

* ``pack_data``      reads a pack's rows through the named queries (the input of the modules below);
* ``indicator_page`` the indicator page: lead line, variation sentence, level table, notes;
* ``insights``       the patient gap, the forecast towards the target, the main driver;
* ``board_item``     the board item's summary »Hvad viser de nye tal?«;
* ``meeting_text``   what the board saw: the change since the meeting and a revision of a figure shown;
* ``pack_texts``     a pack's cover, marks, indicator list and format explanation.

Numbers are the marts'; these modules word and format them (noegletal.formatting), they compute
no indicator.
"""
