"""Import articles from an old portal: JSON Lines (docs/import.md) or a WordPress WXR export."""
