"""The 城运大屏's parts: the frame (fit, layouts, connection badge), bars, the changes feed, the map."""
