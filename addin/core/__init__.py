"""Pure domain logic: no file or Excel I/O, no clock (today is a parameter), no global random generator."""
