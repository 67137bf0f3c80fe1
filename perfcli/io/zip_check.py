"""Zip containers (.xlsx/.xlsm/.ods) and their XML, checked before any parser opens them.

Declared member sizes and compression ratios are checked before a member is opened (zip bombs);
XML is parsed with defusedxml (no entity expansion: "billion laughs" is E004) and streamed, the
parsed elements dropped as soon as they are read, so memory stays flat.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from perfcli.io.errors import InputError, encrypted, over_limit, unreadable
from perfcli.io.limits import DEFAULT_LIMITS, Limits
from perfcli.io.sheet_scan import short

# Small structural XML parts are parsed whole; past this size they are not plausible.
_MAX_STRUCTURE_XML = 32 * 1024 * 1024
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """Open a zip container after checking its declared sizes; raise E001/E004 otherwise."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise unreadable(
            f"压缩结构损坏，文件可能不完整（{short(exc)}）", f"corrupt zip structure ({exc})"
        ) from None
    try:
        _check_zip_members(zf, limits)
    except BaseException:
        zf.close()
        raise
    return zf


def _check_zip_members(zf: zipfile.ZipFile, limits: Limits) -> None:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise over_limit(
            f"压缩包成员过多（{len(infos)} 个，上限 {limits.max_members}）",
            f"too many zip members ({len(infos)})",
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_member_ratio:
            raise over_limit(
                f"压缩比异常（{info.filename} 压缩比 {ratio:.0f}:1），疑似压缩炸弹",
                f"suspicious compression ratio {ratio:.0f}:1 in {info.filename} (zip bomb?)",
            )
        if info.flag_bits & 0x1:
            raise encrypted("压缩包成员已加密（设置了密码）", "a zip member is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable(
                f"压缩包使用了 Excel 不使用的压缩方式（{info.compress_type}）",
                f"unsupported zip compression method {info.compress_type}",
            )
    if total > limits.max_uncompressed_bytes:
        raise over_limit(
            f"解压后大小 {total / 1048576:.0f} MB 超过上限 "
            f"{limits.max_uncompressed_bytes / 1048576:.0f} MB",
            f"uncompressed size {total / 1048576:.0f} MB over the limit",
        )


def open_member(zf: zipfile.ZipFile, member: str, what: str) -> IO[bytes]:
    try:
        return zf.open(member)
    except KeyError:
        raise unreadable(f"{what}的数据缺失（{member}）", f"{member} missing") from None
    except _ZIP_ERRORS as exc:
        raise unreadable(f"{what}无法解压（{short(exc)}）", f"{member}: {exc}") from None


def xml_events(stream: IO[bytes], what: str, events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """defusedxml iterparse with every failure mapped to E001 (broken) or E004 (unsafe)."""
    try:
        yield from SafeET.iterparse(stream, events=events)
    except DefusedXmlException as exc:  # DTD entities, external references: never expanded
        raise over_limit(
            f"{what} 含有不安全的 XML 内容（{type(exc).__name__}，如实体扩展）",
            f"unsafe XML in {what} ({type(exc).__name__})",
        ) from None
    except SafeET.ParseError as exc:
        raise unreadable(
            f"{what} XML 无法解析（{short(exc)}）", f"bad XML in {what} ({exc})"
        ) from None
    except InputError:
        raise
    except _ZIP_ERRORS as exc:
        raise unreadable(
            f"{what} 解压失败，文件可能已损坏（{short(exc)}）", f"cannot decompress {what}: {exc}"
        ) from None
    except (ValueError, UnicodeError) as exc:
        raise unreadable(
            f"{what} XML 无法解析（{short(exc)}）", f"bad XML in {what} ({exc})"
        ) from None
    except MemoryError:
        raise over_limit(f"{what} 过大，超出内存限制", f"{what} exhausts memory") from None
    except Exception as exc:
        raise unreadable(
            f"{what} XML 无法解析（{type(exc).__name__}）", f"bad XML in {what} ({exc})"
        ) from None


def check_xml_member(zf: zipfile.ZipFile, member: str, what: str = "") -> None:
    """Stream one XML member through defusedxml, dropping elements: entity tricks → E004."""
    what = what or member
    with open_member(zf, member, what) as stream:
        stack: list[Any] = []
        for event, elem in xml_events(stream, what, ("start", "end")):
            if event == "start":
                stack.append(elem)
                continue
            stack.pop()
            elem.clear()
            if stack:
                stack[-1].remove(elem)


def parse_small_xml(zf: zipfile.ZipFile, member: str, what: str) -> Any:
    try:
        info = zf.getinfo(member)
    except KeyError:
        raise unreadable(f"缺少 {member}，不是完整的 Excel 工作簿", f"no {member}") from None
    if info.file_size > _MAX_STRUCTURE_XML:
        raise over_limit(f"{what}过大（{info.file_size // 1048576} MB）", f"{member} too large")
    with open_member(zf, member, what) as stream:
        root = None
        for _event, elem in xml_events(stream, what, ("end",)):
            root = elem
    return root


def unique_member(names: list[str], wanted: str) -> str | None:
    matches = [n for n in names if n.lower() == wanted.lower()]
    if len(matches) > 1:
        raise unreadable(
            f"压缩包中有多个仅大小写不同的 {wanted}，结构可疑",
            f"ambiguous zip members for {wanted}",
        )
    return matches[0] if matches else None
