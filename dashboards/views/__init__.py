"""Dashboard pages: each reads its filters, asks dashboards.data, and hands frames to the figure builders."""
