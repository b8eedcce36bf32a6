"""The Excel add-in: ribbon XML, VBA sources, and the builder of the .xlam (compound file, MS-OVBA, OOXML)."""
