"""Nøgletal: warehouse and dashboard for the key figures of the Danish national health goals."""
