"""How a photo becomes safe renditions: decode, refuse, clean, resize, store.

An upload is trusted only after Pillow has decoded it completely. The decoded pixels are
turned upright (EXIF orientation), converted to sRGB, copied into a fresh image that carries
no metadata at all (EXIF, GPS, XMP, IPTC, comments, colour profiles) and only then encoded and
stored, the original included. Every file goes through Django's storage API under a generated
name, so S3-compatible storage is a settings change.

Public entry points: ``prepare_image`` (validate and clean, nothing stored), ``store_photo``
(validate, store, make renditions), ``build_renditions`` and ``PhotoFileField`` for forms.
"""

import contextlib
import io
import posixpath
import struct
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageMath, ImageOps, UnidentifiedImageError

from .photo_files import delete_files, delete_files_on_commit, stored_names

# Formats Pillow may even try; anything else (HTML, SVG, PDF, ZIP …) is unidentified.
DECODERS = ["JPEG", "PNG", "WEBP", "GIF"]
# Phones write multi-picture JPEGs, which Pillow reports as MPO; the first picture is the photo.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}

SOCIAL_SIZE = (1200, 630)
# Story cards (home, lists, search) show photos cropped to 4:3, 6.5rem wide on phones and 14rem
# from 48rem up (static/css/site.css): 240 and 480 px cover both at 1x to 3x.
CARD_RATIO = 4 / 3
CARD_WIDTHS = (240, 480)
JPEG_OPTIONS = {"quality": 85, "optimize": True, "progressive": True}
WEBP_OPTIONS = {"quality": 80, "method": 4}
# The formats' own limits on either side: a long phone screenshot (1080 × 18,000) is a legitimate
# photo, so a rendition too tall for WebP is made as JPEG only; JPEG's limit is refused upfront.
WEBP_MAX_SIDE = 16383
JPEG_MAX_SIDE = 65500

MESSAGES = {
    "empty": _("Berkas kosong. Pilih foto yang akan diunggah."),
    "too_large": _("Berkas terlalu besar (%(size)s). Batasnya %(limit)s."),
    "not_image": _(
        "Berkas ini bukan foto yang dikenali. Unggah foto berformat JPEG, PNG, WebP atau GIF."
    ),
    "broken": _("Berkas foto rusak atau terpotong. Unggah ulang berkas aslinya."),
    "too_many_pixels": _(
        "Foto terlalu besar (%(width)s × %(height)s piksel). Batasnya %(limit)s megapiksel."
    ),
    "too_long": _(
        "Foto terlalu panjang (%(width)s × %(height)s piksel). "
        "Sisi terpanjangnya paling banyak %(limit)s piksel."
    ),
    # Pillow refused to even read the size: far beyond any camera (a decompression bomb).
    "bomb": _("Foto terlalu besar: lebih dari %(limit)s megapiksel."),
}


def widths():
    """Return the rendition widths, smallest first."""
    return sorted(set(getattr(settings, "NEWSROOM_IMAGE_WIDTHS", [480, 800, 1200, 1600])))


def _megapixels(pixels):
    return f"{pixels / 1_000_000:g}"


def _refuse(code, **params):
    raise ValidationError(MESSAGES[code], code=code, params=params or None)


@dataclass
class PreparedImage:
    """A decoded, upright, sRGB, metadata-free image and its encoded original."""

    image: Image.Image
    content: bytes
    extension: str

    @property
    def width(self):
        return self.image.width

    @property
    def height(self):
        return self.image.height

    def as_file(self):
        """Return the cleaned original as a file whose name only carries our extension."""
        return CleanedImageFile(self.content, name=f"photo.{self.extension}")


class CleanedImageFile(ContentFile):
    """A cleaned original, ready for ``Photo.file`` (its upload_to generates the name)."""


def _read_limited(uploaded_file):
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > max_bytes:
        _refuse("too_large", size=filesizeformat(size), limit=filesizeformat(max_bytes))
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    # Read one byte past the limit: a file that lied about its size is still caught.
    data = uploaded_file.read(max_bytes + 1)
    if len(data) > max_bytes:
        _refuse("too_large", size=filesizeformat(len(data)), limit=filesizeformat(max_bytes))
    if not data:
        _refuse("empty")
    return data


def _decode(data):
    """Return the fully decoded first frame of ``data``, or refuse it."""
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    # The pixel limit is ours and checked below, per call: Pillow's global MAX_IMAGE_PIXELS is
    # left alone, its warning silenced here only, and its hard error still counts as a bomb.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=DECODERS)
        except Image.DecompressionBombError:
            _refuse("bomb", limit=_megapixels(max_pixels))
        except (UnidentifiedImageError, SyntaxError, ValueError, TypeError):
            _refuse("not_image")
        except OSError:
            _refuse("broken")
        if image.format not in ACCEPTED_FORMATS:
            _refuse("not_image")
        width, height = image.size
        if width * height > max_pixels:
            _refuse("too_many_pixels", width=width, height=height, limit=_megapixels(max_pixels))
        if max(width, height) > JPEG_MAX_SIDE:
            # The cleaned original and the JPEG renditions could not be written.
            _refuse("too_long", width=width, height=height, limit=JPEG_MAX_SIDE)
        try:
            # Animated GIF/WebP: the first frame is the photo.
            image.seek(0)
            image.load()
        except Image.DecompressionBombError:
            _refuse("too_many_pixels", width=width, height=height, limit=_megapixels(max_pixels))
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error):
            _refuse("broken")
    return image


def _sixteen_bit_to_l(image):
    # Pillow's own I;16 → L conversion clips at 255; scale the 0..65535 range down instead.
    return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")


SIXTEEN_BIT_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")


def _colour_key_to_alpha(image):
    """Return a grey or RGB ``image`` whose one transparent colour (PNG tRNS) became alpha."""
    if image.mode not in SIXTEEN_BIT_MODES:
        return image.convert("RGBA" if image.mode == "RGB" else "LA")
    # Pillow's own conversion clips to 8 bits before matching the 16-bit colour: match it here.
    key = int(image.info["transparency"])
    alpha = ImageMath.lambda_eval(
        lambda args: args["convert"]((args["grey"] != key) * 255, "L"), grey=image.convert("I")
    )
    grey = _sixteen_bit_to_l(image)
    grey.putalpha(alpha)
    return grey


def _to_srgb(image, icc_profile):
    """Return ``image`` as RGB or RGBA in sRGB, converting through its profile when it has one."""
    if "transparency" in image.info and image.mode in ("1", "L", "RGB", *SIXTEEN_BIT_MODES):
        # One colour keyed out: as transparent as an alpha channel, so flattened the same way.
        if image.mode in SIXTEEN_BIT_MODES:
            icc_profile = None
        with contextlib.suppress(ValueError, TypeError):
            image = _colour_key_to_alpha(image)
    if image.mode in SIXTEEN_BIT_MODES:
        image, icc_profile = _sixteen_bit_to_l(image), None
    elif image.mode == "F":
        image, icc_profile = image.convert("L"), None
    elif image.mode in ("P", "PA"):
        has_alpha = image.mode == "PA" or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    elif image.mode == "1":
        image = image.convert("L")

    alpha = None
    if image.mode in ("RGBA", "LA", "RGBa", "La"):
        if image.mode in ("RGBa", "La"):
            image = image.convert(image.mode.upper())
        alpha = image.getchannel("A")
        image = image.convert("RGB" if image.mode == "RGBA" else "L")

    converted = None
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(
                image,
                source,
                ImageCms.createProfile("sRGB"),
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            # A broken or mismatched profile: fall back to treating the pixels as sRGB.
            converted = None
    if converted is None:
        converted = image if image.mode == "RGB" else image.convert("RGB")
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _strip(image):
    """Return a copy holding the pixels only: no info, no EXIF, no profile, no comment."""
    bare = Image.new(image.mode, image.size)
    bare.paste(image)
    return bare


def _opaque(image):
    """Return an RGB image, flattening any transparency onto white (JPEG has no alpha)."""
    if image.mode == "RGB":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        _opaque(image).save(buffer, "JPEG", **JPEG_OPTIONS)
    elif fmt == "WEBP":
        image.save(buffer, "WEBP", **WEBP_OPTIONS)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


def _has_transparency(image):
    if image.mode != "RGBA":
        return False
    low, _high = image.getchannel("A").getextrema()
    return low < 255


def clean_image(decoded):
    """Return ``decoded`` upright, in sRGB, as RGB (or RGBA if it shows transparency), bare."""
    icc_profile = decoded.info.get("icc_profile")
    # In place and without needless copies: a 50-megapixel photo is 150 MB per copy.
    # Unreadable EXIF: nothing to turn, and it is dropped below anyway.
    with contextlib.suppress(OSError, SyntaxError, ValueError, TypeError, KeyError):
        ImageOps.exif_transpose(decoded, in_place=True)
    image = _strip(_to_srgb(decoded, icc_profile))
    if not _has_transparency(image):
        image = _opaque(image)
    return image


def prepare_image(uploaded_file):
    """Decode, check and clean an upload; raise ``ValidationError`` and store nothing if bad."""
    data = _read_limited(uploaded_file)
    image = clean_image(_decode(data))
    # The original keeps transparency as PNG; everything else is a high-quality JPEG.
    if image.mode == "RGBA":
        content, extension = _encode(image, "PNG"), "png"
    else:
        buffer = io.BytesIO()
        # The master for later rebuilds: high quality, and quick to write (no optimise passes).
        image.save(buffer, "JPEG", quality=92)
        content, extension = buffer.getvalue(), "jpg"
    return PreparedImage(image=image, content=content, extension=extension)


# ---------------------------------------------------------------------------
# Renditions
# ---------------------------------------------------------------------------
def _crop_size(width, height, ratio):
    """Return the largest ``(width, height)`` of aspect ``ratio`` inside the frame."""
    if width / height > ratio:
        crop_w, crop_h = round(height * ratio), height
    else:
        crop_w, crop_h = width, round(width / ratio)
    return max(1, min(crop_w, width)), max(1, min(crop_h, height))


def _focal_crop(image, ratio, focal):
    """Return the largest box of aspect ``ratio`` centred as near ``focal`` as the frame allows."""
    width, height = image.size
    crop_w, crop_h = _crop_size(width, height, ratio)
    fx, fy = focal
    left = min(max(round(fx * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(fy * height - crop_h / 2), 0), height - crop_h)
    return image.crop((left, top, left + crop_w, top + crop_h))


def social_size(width, height):
    """Return the size of the social crop of a ``width`` × ``height`` photo (for og:image)."""
    crop = _crop_size(width, height, SOCIAL_SIZE[0] / SOCIAL_SIZE[1])
    if crop[0] >= SOCIAL_SIZE[0] and crop[1] >= SOCIAL_SIZE[1]:
        return SOCIAL_SIZE
    return crop


def _shrink(image, size):
    """Resize to ``size`` unless that would enlarge the image (never upscale)."""
    if size[0] >= image.width:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _fit(image, size):
    """Resize a crop to exactly ``size`` when it is at least that large, else leave it be."""
    if image.width < size[0] or image.height < size[1] or image.size == size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def rendition_targets(width):
    """Return the widths to render for an original ``width`` px wide (never wider than it).

    A photo narrower than the largest width also gets a rendition at its own width, so the
    srcset always offers the full detail there is.
    """
    targets = [w for w in widths() if w <= width] or [width]
    if width < widths()[-1] and width not in targets:
        targets.append(width)
    return targets


def card_targets(width, height):
    """Return the card widths to render for a ``width`` × ``height`` photo (never upscaled)."""
    crop_width = _crop_size(width, height, CARD_RATIO)[0]
    return [w for w in CARD_WIDTHS if w <= crop_width] or [crop_width]


def _working_copy(image):
    """Return ``image`` scaled down to twice what any rendition needs (resizing 50 MP is slow).

    Twice the largest output keeps the final Lanczos resize as sharp as from the original.
    """
    side = settings.NEWSROOM_IMAGE_THUMB_SIZE
    scale = max(
        2 * widths()[-1] / image.width,
        2 * SOCIAL_SIZE[0] / image.width,
        2 * SOCIAL_SIZE[1] / image.height,
        2 * side / min(image.size),
    )
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _render(image, focal):
    """Yield ``(key, encoded bytes)`` for every rendition of ``image``."""
    original_size = image.size
    image = _working_copy(image)
    for target in rendition_targets(original_size[0]):
        height = max(1, round(original_size[1] * target / original_size[0]))
        resized = _shrink(image, (target, height))
        if max(target, height) <= WEBP_MAX_SIDE:
            yield f"w{target}.webp", _encode(resized, "WEBP")
        yield f"w{target}.jpg", _encode(resized, "JPEG")

    social = _focal_crop(image, SOCIAL_SIZE[0] / SOCIAL_SIZE[1], focal)
    social = _fit(social, SOCIAL_SIZE)
    yield "social.jpg", _encode(social, "JPEG")

    side = settings.NEWSROOM_IMAGE_THUMB_SIZE
    square = _focal_crop(image, 1, focal)
    square = _fit(square, (side, side))
    yield "thumb.webp", _encode(square, "WEBP")
    yield "thumb.jpg", _encode(square, "JPEG")

    # Cropped around the focal point here, as the card's CSS would crop from the centre.
    card = _focal_crop(image, CARD_RATIO, focal)
    for target in card_targets(*original_size):
        resized = _fit(card, (target, round(target / CARD_RATIO)))
        yield f"card{target}.webp", _encode(resized, "WEBP")
        yield f"card{target}.jpg", _encode(resized, "JPEG")


def rendition_widths(photo, extension, prefix="w"):
    """Return ``[(width, stored name)]`` of a photo's width renditions in ``extension``.

    ``prefix`` ``"w"`` gives the full-frame widths, ``"card"`` the 4:3 card crops.
    """
    found = []
    for key, name in (photo.renditions or {}).items():
        stem, _dot, ext = key.partition(".")
        width = stem.removeprefix(prefix)
        if ext == extension and stem.startswith(prefix) and width.isdigit():
            found.append((int(width), name))
    return sorted(found)


def open_original(photo):
    """Return the stored original, decoded and cleaned like an upload.

    Originals stored by this pipeline are already clean; cleaning again costs little and keeps
    photos stored some other way (an old import, a restored backup) from leaking metadata into
    their renditions.
    """
    with photo.file.storage.open(photo.file.name, "rb") as handle:
        data = handle.read()
    return clean_image(_decode(data))


def build_renditions(photo, *, force=False, image=None):
    """Make and store the renditions of ``photo`` once; ``force`` replaces existing ones.

    Saves ``photo.renditions`` in its row and returns the mapping ``{key: stored name}``.
    """
    if not photo.file:
        return {}
    if photo.renditions and not force:
        return photo.renditions
    if image is None:
        image = open_original(photo)
    storage = photo.file.storage
    stem = posixpath.splitext(photo.file.name)[0]
    made = {}
    try:
        for key, content in _render(image, (photo.focal_x, photo.focal_y)):
            made[key] = storage.save(f"{stem}_{key}", ContentFile(content))
    except Exception:
        delete_files(storage, made.values())
        raise
    old = dict(photo.renditions or {})
    photo.renditions = made
    if photo.pk:
        try:
            # A save, not an update: its post_save signal refreshes the cached pages linking here.
            photo.save(update_fields=["renditions"])
        except Exception:
            # The row keeps naming the old set; the new files would be orphans.
            photo.renditions = old
            delete_files(storage, made.values())
            raise
    stale = [name for name in old.values() if name not in made.values()]
    # Deleted only once the new names are committed; a rollback leaves the old set whole.
    delete_files_on_commit(storage, stale)
    return made


def store_photo(
    uploaded_file,
    *,
    alt_text,
    caption="",
    credit="",
    article=None,
    uploaded_by=None,
    focal=(0.5, 0.5),
    position=0,
):
    """Validate, clean and store an upload as a ``Photo`` with its renditions.

    Raises ``ValidationError`` (Indonesian message) and stores nothing when the file is refused.
    """
    from .models import Photo

    prepared = prepare_image(uploaded_file)
    focal_x, focal_y = (min(max(float(v), 0.0), 1.0) for v in focal)
    photo = Photo(
        article=article,
        position=position,
        alt_text=alt_text,
        caption=caption,
        credit=credit,
        focal_x=focal_x,
        focal_y=focal_y,
        uploaded_by=uploaded_by,
    )
    photo.full_clean(exclude=["file", "article", "uploaded_by"])
    photo.file.save("photo." + prepared.extension, prepared.as_file(), save=False)
    try:
        build_renditions(photo, force=True, image=prepared.image)
        with transaction.atomic():
            photo.save()
    except Exception:
        discard_files(photo)
        raise
    return photo


def discard_files(photo):
    """Delete a photo's stored original and renditions (a failed or deleted upload)."""
    delete_files(photo.file.storage, stored_names(photo))


# ---------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------
def _photo_help():
    return _("JPEG, PNG, WebP atau GIF (bingkai pertama), paling besar %(limit)s.") % {
        "limit": filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES)
    }


# Evaluated when shown, so it follows the reader's language and the current limit.
_photo_help_text = lazy(_photo_help, str)


class PhotoFileField(forms.FileField):
    """A file field that accepts real photos only and returns the cleaned original."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _photo_help_text())
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None or isinstance(uploaded, CleanedImageFile):
            return uploaded
        prepared = prepare_image(uploaded)
        cleaned = prepared.as_file()
        # Kept so the form's save can make renditions without decoding again.
        cleaned.prepared = prepared
        return cleaned


def validate_photo_file(uploaded_file):
    """Validator: refuse anything ``prepare_image`` refuses."""
    prepare_image(uploaded_file)
