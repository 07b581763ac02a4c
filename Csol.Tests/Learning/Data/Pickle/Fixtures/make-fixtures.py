# Regenerates the test pickles (Debian python3-numpy 1.24, Python 3.11): `python3 make-fixtures.py` in this folder.
import pickle
import numpy as np

logmel = ((np.arange(201 * 64) % 50) - 25).astype(np.float32).reshape(201, 64)
with open("logmel-p2.pkl", "wb") as f:
    pickle.dump(logmel, f, protocol=2)
with open("logmel-p4.pkl", "wb") as f:
    pickle.dump((np.arange(201 * 64, dtype=np.float32) / 7).reshape(201, 64), f, protocol=4)
with open("logmel-p3-fortran.pkl", "wb") as f:
    pickle.dump(np.asfortranarray(logmel), f, protocol=3)
with open("shape-20x64.pkl", "wb") as f:
    pickle.dump(np.zeros((20, 64), np.float32), f, protocol=4)
with open("int8-201x64.pkl", "wb") as f:
    pickle.dump(np.zeros((201, 64), np.int8), f, protocol=4)
with open("dict.pkl", "wb") as f:
    pickle.dump({"mel": 1}, f, protocol=4)
