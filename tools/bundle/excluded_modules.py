"""Modules PyInstaller must not analyse at all: the program never imports them, and each
would bring its own files (or a whole library) into the download.

Excluding a module that IS imported breaks the program where it is used: the frozen
``--self-test`` (make smoke, tests/e2e/test_frozen.py) walks every path a commune uses.
"""

from __future__ import annotations

# Pillow's image formats other than PNG and JPEG (signature and seal images are PNG/JPEG).
# fmt: off
UNUSED_PIL_PLUGINS = (
    "AvifImagePlugin", "BlpImagePlugin", "BufrStubImagePlugin", "CurImagePlugin", "DcxImagePlugin",
    "DdsImagePlugin", "EpsImagePlugin", "FitsImagePlugin", "FliImagePlugin", "FpxImagePlugin",
    "FtexImagePlugin", "GbrImagePlugin", "GribStubImagePlugin", "Hdf5StubImagePlugin", "IcnsImagePlugin",
    "IcoImagePlugin", "ImImagePlugin", "ImtImagePlugin", "IptcImagePlugin", "Jpeg2KImagePlugin",
    "McIdasImagePlugin", "MicImagePlugin", "MpegImagePlugin", "MspImagePlugin", "PalmImagePlugin",
    "PcdImagePlugin", "PcxImagePlugin", "PdfImagePlugin", "PixarImagePlugin", "PsdImagePlugin",
    "QoiImagePlugin", "SgiImagePlugin", "SpiderImagePlugin", "SunImagePlugin", "TgaImagePlugin",
    "WebPImagePlugin", "WmfImagePlugin", "XVThumbImagePlugin", "XbmImagePlugin", "XpmImagePlugin",
)
# fmt: on

# Qt modules: only QtCore, QtGui, QtWidgets, QtPdf (preview), QtPdfWidgets, QtPrintSupport
# (printing) and QtSvg (icons) are used; the rest must not be analysed at all.
# fmt: off
UNUSED_QT_MODULES = (
    "QtQml", "QtQuick", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest", "QtQmlFeatures",
    "QtDBus", "QtOpenGL", "QtOpenGLWidgets", "QtSql", "QtTest", "QtXml", "QtHelp", "QtDesigner",
    "QtUiTools", "QtConcurrent", "QtLabsStyleKit", "QtSvgWidgets", "QtWebEngineCore", "QtWebEngineWidgets",
    "QtWebEngineQuick", "QtWebChannel", "QtWebSockets", "QtMultimedia", "QtMultimediaWidgets", "QtCharts",
    "QtDataVisualization", "QtGraphs", "Qt3DCore", "Qt3DRender", "Qt3DExtras", "Qt3DInput", "Qt3DLogic",
    "Qt3DAnimation", "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort",
    "QtSerialBus", "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtTextToSpeech", "QtHttpServer",
    "QtNetworkAuth", "QtSpatialAudio", "QtAxContainer",
)
# fmt: on

# (module, why it can go).
EXCLUDED_MODULES: list[tuple[str, str]] = [
    ("tkinter", "GUI is Qt; Tk would add Tcl/Tk (~5 MB)"),
    ("_tkinter", "as above"),
    ("PIL.ImageTk", "Pillow's Tk bridge; no Tk"),
    ("PIL.ImageQt", "Pillow's Qt bridge; we never hand PIL images to Qt (and it would drag Qt into cchc)"),
    ("PIL._avif", "AVIF codec with libavif (~5 MB); reports use PNG/JPEG images only"),
    ("PIL._webp", "WebP codec with libwebp (~1 MB); PNG/JPEG only"),
    ("PIL._imagingcms", "colour management with lcms2; images are drawn as they are"),
    (
        "PIL._imagingft",
        "Pillow's FreeType text (+ its own FreeType/HarfBuzz ~3 MB); text is drawn by ReportLab and Qt",
    ),
    ("PIL._imagingmath", "ImageMath; unused"),
    ("PIL._imagingmorph", "ImageMorph; unused"),
    ("PIL._imagingtk", "Tk; unused"),
    ("unittest", "test framework; not needed at run time"),
    ("doctest", "test framework"),
    ("pydoc", "help browser; pulls http.server and more"),
    ("pydoc_data", "pydoc's topic texts"),
    ("test", "CPython's own test suite"),
    ("lib2to3", "code converter"),
    ("idlelib", "IDLE"),
    ("turtle", "Tk graphics"),
    ("turtledemo", "Tk graphics demos"),
    ("ensurepip", "pip installer"),
    ("venv", "virtual environments"),
    ("distutils", "build tool"),
    ("setuptools", "build tool (pulled in by pkg_resources lookups)"),
    ("pkg_resources", "setuptools' runtime; nothing we use needs it"),
    ("pip", "installer"),
    ("curses", "terminal UI"),
    ("readline", "interactive console"),
    ("xmlrpc", "unused RPC"),
    ("numpy", "not used; some libraries import it when present"),
    ("IPython", "interactive shell"),
    ("matplotlib", "not used"),
    ("pytest", "tests only"),
    ("hypothesis", "tests only"),
    ("fontTools", "tools/make_fonts.py only; the font ships ready-made"),
    ("pypdf", "tests only"),
    ("pdfminer", "tests only"),
    ("aiosmtpd", "tests only (loopback SMTP server)"),
    ("wsgidav", "tests only (loopback WebDAV server)"),
    ("cheroot", "tests only"),
    ("mypy", "dev tool"),
    ("yaml", "PyYAML: pyHanko reads its YAML config files with it (imported lazily); we never use them"),
    ("pyhanko.cli", "pyHanko's own command line; we call its API"),
    (
        "vietnam_provinces",
        "its data is shipped as resources/units/units-2025.csv; the package itself is not imported",
    ),
    ("lxml.objectify", "lxml's objectify (2.9 MB); pyHanko and openpyxl use lxml.etree only"),
    ("lxml.html", "HTML parsing; unused"),
    ("lxml.isoschematron", "Schematron validation (+ its XSLT data); unused"),
    ("lxml.sax", "SAX bridge; unused"),
    ("lxml.cssselect", "CSS selectors; unused"),
    ("openpyxl.tests", "openpyxl's tests"),
    (
        "reportlab.graphics",
        "ReportLab's drawings and charts (0.7 MB); documents are drawn with platypus and the canvas only "
        "(reportlab.lib.validators imports it inside the validators of drawings alone)",
    ),
    ("multidict._testcapi", "multidict's test helper"),
    (
        "cffi",
        "cffi's C parser/compiler front end; compiled extensions need only _cffi_backend, and oscrypto falls back to ctypes",
    ),
    ("pycparser", "used only by cffi's front end"),
    (
        "multiprocessing",
        "the frozen program checks signed PDFs in-line (reports/exchange/pdf_checks.worker_count); left in, "
        "PyInstaller's runtime hook imported it at every start of both executables (~15 ms)",
    ),
    ("_multiprocessing", "multiprocessing's C part"),
    ("concurrent.futures.process", "ProcessPoolExecutor, which needs multiprocessing"),
    *[(f"PIL.{name}", "Pillow image format the program never reads") for name in UNUSED_PIL_PLUGINS],
    *[
        (m, "Chinese/Japanese/Korean codecs (~1 MB); looked up only when such an encoding is asked for")
        for m in ("_codecs_cn", "_codecs_hk", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_codecs_iso2022")
    ],
    # Optional C speed-ups of aiohttp and its helpers. aiohttp is imported by pyHanko's signing
    # path (pyhanko.sign.timestamps imports its HTTP client at module level) and is used for the
    # optional RFC 3161 timestamp; each of these packages falls back to its pure-Python twin when
    # the extension is missing, which is plenty for one request per signature.
    ("aiohttp._http_parser", "C HTTP parser (3.3 MB); pure-Python parser is used instead"),
    ("aiohttp._http_writer", "C HTTP writer; pure-Python fallback"),
    ("aiohttp._websocket.reader_c", "C WebSocket reader (2 MB); we never open a WebSocket"),
    ("aiohttp._websocket.mask", "C WebSocket mask; pure-Python fallback"),
    ("multidict._multidict", "C multidict (1.5 MB); multidict._multidict_py is used"),
    ("propcache._helpers_c", "C helpers (0.8 MB); propcache._helpers_py is used"),
    ("frozenlist._frozenlist", "C frozenlist (0.7 MB); pure-Python fallback"),
    ("yarl._quoting_c", "C URL quoting; yarl._quoting_py is used"),
    *[(f"PySide6.{name}", "Qt module the program does not use") for name in UNUSED_QT_MODULES],
    (
        "PySide6.QtNetwork",
        "used only to wake the outbox when the network comes back (desktop/outbox_sender.py), which "
        "falls back to its timers when the import fails; its network-information plugins are pruned too",
    ),
]


def excluded_module_names() -> list[str]:
    """The names for Analysis(excludes=...), in the order above."""
    return [module for module, _why in EXCLUDED_MODULES]
