"""cchc pdf, keys, sign, verify, trust: the report as a signed official document."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reports.cli.context import Context, add, secret_from
from reports.errors import UsageError


def register(sub: Any) -> None:
    p = add(sub, "pdf", cmd_pdf, "Xuất báo cáo ra PDF / write the report's PDF")
    p.add_argument("report_id", type=int)
    p.add_argument("-o", "--output", required=True, help="tệp PDF đích")

    keys = sub.add_parser("keys", help="Chứng thư số / keys and certificates").add_subparsers(dest="sub", metavar="SUB")
    keys.required = True
    p = add(keys, "create", cmd_keys_create, "Tạo chứng thư ký tự cấp cho máy này / create a self-issued certificate")
    p.add_argument("--name", required=True, help="họ tên người ký")
    p.add_argument("--algorithm", choices=("rsa", "ec"), default="rsa")
    p.add_argument("--password-env", help="tên biến môi trường chứa mật khẩu (không ghi mật khẩu trên dòng lệnh)")
    p.add_argument("--replace", action="store_true")
    p = add(keys, "import", cmd_keys_import, "Nhập tệp chứng thư .p12/.pfx / import a certificate file")
    p.add_argument("file")
    p.add_argument("--password-env")
    p = add(keys, "export-cert", cmd_keys_export_cert, "Xuất chứng thư (PEM) / export a certificate")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--installation", action="store_true", help="chứng thư cài đặt (ký gói đồng bộ) thay vì chứng thư ký")
    add(keys, "show", cmd_keys_show, "Xem chứng thư đang dùng / show the certificates in use")

    p = add(sub, "sign", cmd_sign, "Ký số báo cáo / sign a report")
    p.add_argument("report_id", type=int)
    p.add_argument("--p12", help="tệp chứng thư .p12/.pfx")
    p.add_argument("--pkcs11-module", help="thư viện PKCS#11 của USB ký số (.dll/.so)")
    p.add_argument("--token-label", help="tên USB ký số")
    p.add_argument("--password-env", help="biến môi trường chứa mật khẩu tệp chứng thư")
    p.add_argument("--pin-env", help="biến môi trường chứa mã PIN của USB ký số")
    p.add_argument("-o", "--output", help="tệp PDF đã ký (mặc định: thư mục documents của dữ liệu)")

    p = add(sub, "verify", cmd_verify, "Kiểm tra chữ ký số của tệp PDF / check a signed PDF")
    p.add_argument("file")
    p.add_argument("--trust", action="append", default=[], metavar="CERT", help="chứng thư gốc tin cậy thêm (lặp lại được)")
    p.add_argument("--data", action="store_true", help="in dữ liệu báo cáo gắn trong PDF")
    p.add_argument("--json", action="store_true")

    trust = sub.add_parser("trust", help="Chứng thư gốc tin cậy / trusted root certificates").add_subparsers(
        dest="sub", metavar="SUB")
    trust.required = True
    p = add(trust, "add", cmd_trust_add, "Thêm chứng thư gốc tin cậy (ví dụ CA Chính phủ) / add a trusted root")
    p.add_argument("file")
    p.add_argument("--label", default="")
    add(trust, "list", cmd_trust_list, "Liệt kê chứng thư tin cậy / list trusted roots")


def cmd_pdf(ctx: Context) -> int:
    from reports.documents import issuing
    from reports.files import write_atomic
    pdf = issuing.pdf_for(ctx.ws, ctx.args.report_id)
    out = Path(ctx.args.output)
    write_atomic(out, pdf)
    ctx.say(f"Đã ghi {out}", f"Wrote {out}")
    return 0


def cmd_keys_create(ctx: Context) -> int:
    from reports.documents import issuing
    password = secret_from(ctx, ctx.args.password_env, "Mật khẩu bảo vệ chứng thư", "Password protecting the certificate")
    if not ctx.args.password_env and sys.stdin.isatty():
        again = secret_from(ctx, None, "Nhập lại mật khẩu", "Type the password again")
        if again != password:
            raise UsageError(detail="Hai lần nhập mật khẩu không khớp.", detail_en="The two passwords differ.")
    pair = issuing.create_signer_key(ctx.ws, ctx.args.name, password, algorithm=ctx.args.algorithm,
                                     replace=ctx.args.replace)
    ctx.say(f"Đã tạo chứng thư ký tự cấp cho {ctx.args.name} (lưu tại {ctx.ws.paths.signer_key}).",
            f"Created a self-issued signing certificate for {ctx.args.name} ({ctx.ws.paths.signer_key}).")
    ctx.say(f"Vân tay: {pair.fingerprint}", f"Fingerprint: {pair.fingerprint}")
    ctx.say("Lưu ý: chứng thư tự cấp không do tổ chức chứng thực cấp; cơ quan nhận cần xác nhận vân tay này.",
            "Note: a self-issued certificate is not from a certification authority; the reviewer must confirm this fingerprint.")
    return 0


def cmd_keys_import(ctx: Context) -> int:
    from reports.documents import issuing
    password = secret_from(ctx, ctx.args.password_env, "Mật khẩu tệp chứng thư", "Certificate file password")
    pair = issuing.import_p12(ctx.ws, Path(ctx.args.file), password)
    subject = pair.certificate.subject.rfc4514_string()
    ctx.say(f"Đã nhập chứng thư: {subject}", f"Imported certificate: {subject}")
    ctx.say(f"Hết hạn: {pair.certificate.not_valid_after_utc:%d/%m/%Y}",
            f"Expires: {pair.certificate.not_valid_after_utc:%d/%m/%Y}")
    return 0


def cmd_keys_export_cert(ctx: Context) -> int:
    from reports.documents import issuing
    from reports.signing.keys import format_fingerprint
    out = Path(ctx.args.output)
    cert = issuing.export_certificate(ctx.ws, out, installation=ctx.args.installation)
    ctx.say(f"Đã ghi {out}. Vân tay: {format_fingerprint(cert)}", f"Wrote {out}. Fingerprint: {format_fingerprint(cert)}")
    return 0


def cmd_keys_show(ctx: Context) -> int:
    from reports.documents import issuing
    from reports.signing.keys import format_fingerprint
    ws = ctx.ws
    inst = ws.installation_key.certificate
    ctx.say(f"Chứng thư cài đặt (ký gói đồng bộ): {format_fingerprint(inst)}",
            f"Installation certificate (signs packages): {format_fingerprint(inst)}")
    signer = issuing.signer_certificate(ws)
    if signer is not None:
        ctx.say(f"Chứng thư ký tự cấp: {signer.subject.rfc4514_string()}, hết hạn {signer.not_valid_after_utc:%d/%m/%Y}, "
                f"vân tay {format_fingerprint(signer)}",
                f"Self-issued signing certificate: {signer.subject.rfc4514_string()}, expires "
                f"{signer.not_valid_after_utc:%d/%m/%Y}, fingerprint {format_fingerprint(signer)}")
    ctx.say(f"Cách ký đang chọn: {ws.settings.get('signing_method')}", f"Signing method: {ws.settings.get('signing_method')}")
    return 0


def cmd_sign(ctx: Context) -> int:
    from reports.documents import issuing
    from reports.signing import open_signer

    a = ctx.args
    ws = ctx.ws
    token = bool(a.pkcs11_module) or (not a.p12 and issuing.needs_pin(ws))
    if token:
        secret = secret_from(ctx, a.pin_env, "Mã PIN của USB ký số", "Token PIN")
    else:
        secret = secret_from(ctx, a.password_env, "Mật khẩu chứng thư", "Certificate password")
    method = issuing.signing_method(ws, secret=secret, p12=Path(a.p12) if a.p12 else None,
                                    pkcs11_module=a.pkcs11_module, token_label=a.token_label)
    with open_signer(method) as signer:
        result = issuing.sign_report(ws, a.report_id, signer, output=Path(a.output) if a.output else None)
    ctx.say(f"Đã ký số báo cáo số {a.report_id}. Tệp đã ký: {result.path}",
            f"Signed report {a.report_id}. Signed file: {result.path}")
    return 0


def cmd_verify(ctx: Context) -> int:
    from reports.documents import issuing
    path = Path(ctx.args.file)
    try:
        pdf = path.read_bytes()
    except OSError as exc:
        raise UsageError(detail=f"Không đọc được tệp {path}: {exc.strerror}", detail_en=f"Cannot read {path}: {exc.strerror}") from exc
    from reports.signing.national_roots import national_roots

    roots = issuing.trust_roots(ctx.ws, [Path(p) for p in ctx.args.trust]) if _has_workspace(ctx) else [
        *national_roots(), *(_load(p) for p in ctx.args.trust)]
    result = issuing.verify_document(pdf, roots)
    if ctx.args.json:
        data = {
            "ok": result.ok,
            "signatures": [
                {"field": s.field_name, "signer": s.signer_name, "issuer": s.issuer, "signing_time":
                 s.signing_time.isoformat() if s.signing_time else None, "intact": s.intact, "trusted": s.trusted,
                 "trust_problem": s.trust_problem, "self_issued": s.self_issued} for s in result.signatures
            ],
            "data": result.data if ctx.args.data else None,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=ctx.out)
        return 0 if result.ok else 1
    if ctx.args.data:
        if result.data is None:
            ctx.say("Tệp không có dữ liệu báo cáo gắn kèm.", "The file carries no report data.")
        else:
            print(json.dumps(result.data, ensure_ascii=False, indent=2), file=ctx.out)
    if not result.signatures:
        ctx.say("Tệp chưa được ký số.", "The file is not signed.")
        return 1
    if result.data is not None and _has_workspace(ctx):
        from reports.exchange.drawn_figures import check_drawn
        drawn = check_drawn(ctx.ws, pdf, result.data)  # the pages drawn again from the embedded figures
        ctx.say(f"Hình vẽ trên các trang: {drawn.text('vi')}", f"What the pages draw: {drawn.text('en')}")
    for s in result.signatures:
        when = s.signing_time.isoformat() if s.signing_time else "—"
        ctx.say(f"Người ký: {s.signer_name}\nTổ chức cấp chứng thư: {s.issuer}\nThời gian ký: {when}",
                f"Signer: {s.signer_name}\nIssuer: {s.issuer}\nSigning time: {when}")
        ctx.say("Toàn vẹn: CÓ — văn bản không bị thay đổi sau khi ký." if s.intact else
                "Toàn vẹn: KHÔNG — văn bản đã bị thay đổi sau khi ký hoặc chữ ký hỏng.",
                "Intact: YES — not changed since signing." if s.intact else
                "Intact: NO — changed after signing, or the signature is broken.")
        ctx.say("Tin cậy: CÓ" if s.trusted else f"Tin cậy: KHÔNG — {s.trust_problem}",
                "Trusted: YES" if s.trusted else f"Trusted: NO — {s.trust_problem}")
    return 0 if result.ok else 1


def _has_workspace(ctx: Context) -> bool:
    """Verification works anywhere: with a data folder it also uses its trust store."""
    return (ctx.data_dir / "cchc.sqlite3").exists()


def _load(path: str) -> Any:
    from reports.signing.keys import load_certificate

    try:
        return load_certificate(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise UsageError(detail=f"Không đọc được chứng thư {path}.", detail_en=f"Cannot read certificate {path}.") from exc


def cmd_trust_add(ctx: Context) -> int:
    from reports.documents import issuing
    from reports.signing.keys import format_fingerprint
    cert = issuing.add_trust_root(ctx.ws, Path(ctx.args.file), ctx.args.label)
    ctx.say(f"Đã thêm chứng thư tin cậy: {cert.subject.rfc4514_string()} ({format_fingerprint(cert)})",
            f"Added trusted certificate: {cert.subject.rfc4514_string()} ({format_fingerprint(cert)})")
    return 0


def cmd_trust_list(ctx: Context) -> int:
    from reports.signing.national_roots import NATIONAL_ROOTS, der_sha256, national_roots
    from reports.storage import bindings

    shipped = {r.sha256 for r in NATIONAL_ROOTS}
    for cert in national_roots():
        fp = der_sha256(cert)
        label = next(r.label for r in NATIONAL_ROOTS if r.sha256 == fp)
        print(f"{fp[:16].lower()}…  {label}  " + ctx.t("(kèm chương trình)", "(shipped)"), file=ctx.out)
    for fp, label, added in bindings.trust_roots_added(ctx.ws.db):
        if fp.upper() not in shipped:
            print(f"{fp[:16]}…  {label}  {added}", file=ctx.out)
    return 0
