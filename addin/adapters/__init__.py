"""Adapters behind the workbook port: openpyxl (files), memory (tests), xlwings (live Excel, lazy)."""
