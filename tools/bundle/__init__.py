"""What build.spec leaves out of the PyInstaller bundle, and why, and the steps that trim it.

build.spec says what goes in; these modules hold the rest, each tested by
tests/unit/test_bundle_*.py without running PyInstaller:

    excluded_modules  modules never analysed (each with the reason it is safe)
    pruning           files PyInstaller's hooks collect that the program never loads
    host_libraries    Linux libraries left to the user's system; what no kept file needs
    icu               Qt's ICU data rebuilt with Vietnamese and English only
    elf               reading ELF files (DT_NEEDED names, a dynamic symbol's bytes)
    windows           the executables' version resource and icon
    data_files        the resource files the program reads at run time
    inputs            whether dist/ holds a bundle of this tree (make bundle rebuilds only then)

A TOC entry is PyInstaller's ``(name in the bundle, source path, type code)``.
"""

TocEntry = tuple[str, str, str]
