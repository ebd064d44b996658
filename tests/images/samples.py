"""Sample uploads built in memory with Pillow, and ways to prove a stored file carries no metadata.

Every sample that may carry metadata carries the same planted secrets, so a test can look for
them in the raw bytes of whatever was stored.
"""

import functools
import io
import struct
import zlib

from PIL import ExifTags, Image, ImageCms

# Planted in the samples; none may survive in a stored file.
SERIAL = "SN-RAHASIA-4471"
COMMENT = b"komentar-rahasia-kamera"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="xmp-rahasia"/></rdf:RDF></x:xmpmeta>'
)
IPTC_BYLINE = b"Bripda Iptc Rahasia"
SECRETS = [SERIAL.encode(), COMMENT, b"xmp-rahasia", IPTC_BYLINE, b"Tasikmalaya-GPS"]
# Container-level markers of metadata in any of the stored formats.
METADATA_MARKERS = [b"Exif", b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"8BIM", b"ICC_PROFILE"]

RED, GREEN, BLUE = (220, 20, 20), (20, 200, 20), (20, 20, 220)


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def phone_exif(orientation=6):
    """EXIF as a phone writes it: orientation, camera serial, time taken and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PonselPolisi"
    exif[ExifTags.Base.DateTime] = "2025:08:17 07:30:00"
    exif_ifd = exif.get_ifd(ExifTags.IFD.Exif)
    exif_ifd[ExifTags.Base.BodySerialNumber] = SERIAL
    exif_ifd[ExifTags.Base.DateTimeOriginal] = "2025:08:17 07:30:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (7.0, 19.0, 38.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (108.0, 13.0, 12.0)
    gps[ExifTags.GPS.GPSAreaInformation] = "Tasikmalaya-GPS"
    return exif


def iptc_segment():
    """A JPEG APP13 segment holding IPTC (by-line) the way Photoshop writes it."""
    record = b"\x1c\x02\x50" + struct.pack(">H", len(IPTC_BYLINE)) + IPTC_BYLINE
    if len(record) % 2:
        record += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def with_iptc(jpeg):
    """Insert an IPTC segment right after the JPEG's start-of-image marker."""
    return jpeg[:2] + iptc_segment() + jpeg[2:]


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def red_blue_swapped_profile():
    """An RGB profile whose red primary is sRGB's blue: only a real conversion turns red blue."""
    profile = bytearray(srgb_profile())
    count = struct.unpack(">I", profile[128:132])[0]
    tags = {}
    for index in range(count):
        signature, offset, size = struct.unpack(
            ">4sII", profile[132 + 12 * index : 144 + 12 * index]
        )
        tags[signature] = (index, offset, size)
    (red_index, red_offset, red_size), (blue_index, blue_offset, blue_size) = (
        tags[b"rXYZ"],
        tags[b"bXYZ"],
    )
    struct.pack_into(">4sII", profile, 132 + 12 * red_index, b"rXYZ", blue_offset, blue_size)
    struct.pack_into(">4sII", profile, 132 + 12 * blue_index, b"bXYZ", red_offset, red_size)
    return bytes(profile)


def phone_jpeg(size=(1800, 1200)):
    """A phone photo lying on its side (orientation 6) with GPS, serial, XMP, IPTC, comment.

    Stored pixels: red, with a green block in the top-left corner; once turned upright
    (90° clockwise) the green block is at the top right and the photo is portrait.
    """
    image = Image.new("RGB", size, RED)
    image.paste(GREEN, (0, 0, size[0] // 6, size[1] // 6))
    jpeg = encoded(
        image,
        "JPEG",
        quality=90,
        exif=phone_exif(orientation=6),
        comment=COMMENT,
        xmp=XMP,
        icc_profile=srgb_profile(),
    )
    return with_iptc(jpeg)


def profiled_jpeg():
    """A red JPEG tagged with a profile that says its red is sRGB blue."""
    image = Image.new("RGB", (640, 480), (255, 0, 0))
    return encoded(image, "JPEG", quality=95, icc_profile=red_blue_swapped_profile())


def cmyk_jpeg():
    """A print-style CMYK JPEG: pure magenta plus yellow, i.e. red."""
    image = Image.new("CMYK", (900, 600), (0, 255, 255, 0))
    return with_iptc(encoded(image, "JPEG", quality=90, exif=phone_exif(orientation=1)))


def _png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def sixteen_bit_rgb_png(size=(600, 400), colour=(0xC000, 0x4000, 0x2000)):
    """A 48-bit RGB PNG (written by hand: Pillow writes 16-bit only as greyscale).

    It also carries EXIF (eXIf), XMP (iTXt) and a text comment (tEXt).
    """
    width, height = size
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    row = b"\x00" + struct.pack(">HHH", *colour) * width
    exif = phone_exif(orientation=1).tobytes()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"eXIf", exif)
        + _png_chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + XMP)
        + _png_chunk(b"tEXt", b"Comment\x00" + COMMENT)
        + _png_chunk(b"IDAT", zlib.compress(row * height))
        + _png_chunk(b"IEND", b"")
    )


def sixteen_bit_grey_png(size=(500, 300), level=0xA000):
    image = Image.new("I;16", size, level)
    return encoded(image, "PNG")


def palette_png_with_transparency(size=(400, 300)):
    """A palette PNG: left half transparent, right half opaque blue."""
    image = Image.new("P", size, 0)
    image.putpalette([255, 255, 255, *BLUE] + [0, 0, 0] * 254)
    image.paste(1, (size[0] // 2, 0, size[0], size[1]))
    return encoded(image, "PNG", transparency=0)


def animated_gif(size=(320, 240)):
    """Three frames (red, green, blue) with a comment; the first frame is the photo."""
    frames = [
        Image.new("RGB", size, colour).convert("P", palette=Image.Palette.ADAPTIVE)
        for colour in (RED, GREEN, BLUE)
    ]
    return encoded(
        frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, comment=COMMENT
    )


def webp_with_metadata(size=(1000, 700)):
    image = Image.new("RGB", size, BLUE)
    return encoded(image, "WEBP", exif=phone_exif(orientation=1).tobytes(), xmp=XMP)


def plain_jpeg(size=(1000, 750), colour=BLUE):
    return encoded(Image.new("RGB", size, colour), "JPEG", quality=90)


def split_jpeg(size=(1600, 900)):
    """Left half red, right half blue: where a crop was taken shows in its colour."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return encoded(image, "JPEG", quality=95)


def truncated_jpeg():
    whole = encoded(Image.effect_noise((800, 600), 64).convert("RGB"), "JPEG", quality=90)
    return whole[: len(whole) // 2]


@functools.cache  # slow to encode; the same bytes serve every test
def pillow_bomb():
    """Tiny on disk, 400 megapixels decoded: Pillow itself refuses to open it."""
    return encoded(Image.new("1", (20000, 20000)), "PNG", optimize=True)


@functools.cache
def pixel_bomb():
    """64 megapixels decoded (under Pillow's own limit, over the newsroom's 50)."""
    return encoded(Image.new("1", (8000, 8000)), "PNG", optimize=True)


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" '
    b'onload="alert(1)"><rect width="10" height="10"/></svg>'
)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ZIP = b"PK\x05\x06" + b"\x00" * 18


# ---------------------------------------------------------------------------
# Reading stored files back
# ---------------------------------------------------------------------------
def jpeg_segments(data):
    """Return the marker names of a JPEG's segments before the image data (APP0, APP1, COM …)."""
    names, position = [], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: header over
            break
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if 0xE0 <= marker <= 0xEF:
            names.append(f"APP{marker - 0xE0}")
        elif marker == 0xFE:
            names.append("COM")
        position += 2 + length
    return names


def png_chunks(data):
    names, position = [], 8
    while position + 8 <= len(data):
        length = struct.unpack(">I", data[position : position + 4])[0]
        names.append(data[position + 4 : position + 8].decode("latin-1"))
        position += 12 + length
    return names


def webp_chunks(data):
    names, position = [], 12
    while position + 8 <= len(data):
        length = struct.unpack("<I", data[position + 4 : position + 8])[0]
        names.append(data[position : position + 4].decode("latin-1"))
        position += 8 + length + (length % 2)
    return names


# What an encoder writes that is not metadata.
ALLOWED_INFO = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "progressive",
    "progression",
    "loop",
    "background",
}
ALLOWED_STRUCTURE = {
    "JPEG": {"APP0"},  # JFIF only: no APP1 (EXIF/XMP), APP2 (ICC), APP13 (IPTC), no COM
    "PNG": {"IHDR", "PLTE", "tRNS", "IDAT", "IEND"},
    "WEBP": {"VP8 ", "VP8L", "VP8X", "ALPH"},
}


def metadata_found(data):
    """Return every trace of metadata in an encoded image; an empty list means clean."""
    found = [marker for marker in METADATA_MARKERS + SECRETS if marker in data]
    image = Image.open(io.BytesIO(data))
    found += [f"info:{key}" for key in image.info if key not in ALLOWED_INFO]
    found += [f"exif:{tag}" for tag in image.getexif()]
    structure = {
        "JPEG": jpeg_segments,
        "PNG": png_chunks,
        "WEBP": webp_chunks,
    }[image.format](data)
    found += [
        f"{image.format}:{name}"
        for name in structure
        if name not in ALLOWED_STRUCTURE[image.format]
    ]
    if image.format == "WEBP" and "VP8X" in structure:
        # VP8X flags: ICC (0x20), EXIF (0x08), XMP (0x04).
        flags = data[20]
        found += [f"webp-flag:{bit:#x}" for bit in (0x20, 0x08, 0x04) if flags & bit]
    return found
