# A stand-in stock tool that answers without asking the board: every run counts as corrupted.
print("not what the board would print")
