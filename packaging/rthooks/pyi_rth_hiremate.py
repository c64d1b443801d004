"""Runtime hook of the frozen app: silence fpdf2's notice that Pillow is absent (the build leaves Pillow out on
purpose: reports draw text and vectors and embed no raster image; see hiremate.spec)."""

import warnings

warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
