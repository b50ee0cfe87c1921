"""Importers of official reference data (communes, EPCI, population, zonage...)."""
