"""Photos of good practices: the rule of who may see one, and its address.

A photo is public once its practice is (``PUBLIC_STATES``); before that it is served only to
those who may see the case (``Case.objects.visible_to``), everyone else gets 404. Pages and
documents ask for a photo's address here, never build it themselves.

An upload is accepted by its content: Pillow must open it as JPEG, PNG or WebP, verify it and
decode it whole. What is stored is re-encoded from the pixels alone (EXIF orientation applied
first, colour profile converted to sRGB), so no metadata of the original (EXIF with GPS, XMP,
ICC, comments) survives; the original itself is never kept."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from casework.models import Case
from casework.uploads import UPLOAD_EMPTY, UPLOAD_TOO_BIG, upload_max_bytes

from .constants import PHOTO_MAX_SIDE, PUBLIC_STATES, PhotoSize
from .models import PracticePhoto


def is_public(photo: PracticePhoto) -> bool:
    return photo.practice.case.status in PUBLIC_STATES


def may_see_photo(user, photo: PracticePhoto) -> bool:
    """Anyone, once the practice is published; before that whoever may see the case."""
    if is_public(photo):
        return True
    return Case.objects.visible_to(user).filter(pk=photo.practice_id).exists()


def public_photo_url(photo: PracticePhoto, size: str = PhotoSize.LARGE) -> str:
    """The address that serves ``photo`` at ``size`` (``PhotoSize``: "large" or "thumb")
    through the permission check: to anyone once the practice is published, before that only
    to those who may see the case."""
    return photo.url(size)


# --- reading an upload and making its derivatives ---------------------------------------

#: The formats a photo may arrive in, told by Pillow from the content (never the name).
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
#: More pixels than this is no photo but a decompression bomb (50 megapixels is more than
#: any camera a submitter uses; Pillow's own limit is higher).
PHOTO_MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85

PHOTO_NOT_IMAGE = _(
    "This file is not a JPEG, PNG or WebP image, whatever its name says. Save the photo in "
    "one of these formats and upload it again."
)
PHOTO_DAMAGED = _("The image is damaged or incomplete. Save it again and retry.")
PHOTO_TOO_LARGE = _(
    "The image has too many pixels: the limit is %(limit)s megapixels. Make it smaller and "
    "upload it again."
)


@dataclass(frozen=True, slots=True)
class Derivative:
    content: bytes
    width: int
    height: int


def _bomb() -> ValidationError:
    return ValidationError(
        PHOTO_TOO_LARGE, code="bomb", params={"limit": PHOTO_MAX_PIXELS // 1_000_000}
    )


def _to_srgb(image: Image.Image) -> Image.Image:
    """The pixels in sRGB, RGB mode: an embedded colour profile is applied (then dropped, as
    sRGB is what browsers and PDF readers assume); transparency is laid on white."""
    icc = image.info.get("icc_profile")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if icc:
        try:
            from PIL import ImageCms

            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            target = ImageCms.createProfile("sRGB")
            mode = image.mode if image.mode in ("RGB", "CMYK", "L") else "RGB"
            return ImageCms.profileToProfile(image.convert(mode), source, target, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: take the pixels as they are
    return image.convert("RGB")


def photo_open(upload) -> Image.Image:
    """The upload's pixels, oriented and in sRGB, as a new image that carries nothing of the
    file's metadata; ``ValidationError`` (a translated message) for anything but a whole
    JPEG, PNG or WebP image of a sensible size.

    Pillow tells the format by the content; ``verify`` catches a broken structure, ``load``
    a truncated one; the pixel count is checked before any pixel is decoded."""
    limit = upload_max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            UPLOAD_TOO_BIG, code="too_big", params={"limit": filesizeformat(limit)}
        )
    if not size:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            upload.seek(0)
            with Image.open(upload, formats=ACCEPTED_FORMATS) as probe:
                width, height = probe.size
                if width * height > PHOTO_MAX_PIXELS:
                    raise _bomb()
                probe.verify()
            upload.seek(0)
            with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
                image.load()  # the first frame of an animation
                oriented = ImageOps.exif_transpose(image)
                pixels = _to_srgb(oriented)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _bomb() from None
        except UnidentifiedImageError:
            raise ValidationError(PHOTO_NOT_IMAGE, code="unknown") from None
        except Exception:  # Pillow raises many types for a broken or truncated image
            raise ValidationError(PHOTO_DAMAGED, code="damaged") from None
        finally:
            upload.seek(0)
    # Re-built from the pixels alone: no EXIF, GPS, XMP, ICC or comment can come along.
    clean = Image.new("RGB", pixels.size)
    clean.paste(pixels)
    return clean


def photo_derivative(image: Image.Image, max_side: int) -> Derivative:
    """``image`` fitted within ``max_side`` (never enlarged), as a JPEG without metadata."""
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return Derivative(out.getvalue(), copy.width, copy.height)


def photo_derivatives(upload) -> dict[str, Derivative]:
    """Every stored size of the upload (``PhotoSize`` → ``Derivative``); ValidationError if
    the upload is refused."""
    image = photo_open(upload)
    return {size: photo_derivative(image, side) for size, side in PHOTO_MAX_SIDE.items()}
