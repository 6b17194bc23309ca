"""The QR slips sheet of a sample: one line (XLSX) or one slip (Word) per dossier, with its answer link."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from core.exports import OfficialDocument, official_docx, xlsx_bytes


def slips_xlsx(rows: list[dict], title: str) -> bytes:
    headers = [_("Mã hồ sơ"), _("Đơn vị"), _("Ngày tiếp nhận"), _("Đường dẫn khảo sát")]
    return xlsx_bytes(
        headers, [[r["dossier"], r["unit"], r["received_on"], r["link"]] for r in rows], title=title, sheet="Phieu"
    )


def qr_png(link: str) -> bytes:
    """A small black-and-white QR code of `link` as PNG (qrcode + pypng, no Pillow)."""
    import qrcode
    from qrcode.image.pure import PyPNGImage

    buffer = io.BytesIO()
    qrcode.make(link, image_factory=PyPNGImage, box_size=6, border=2).save(buffer)
    return buffer.getvalue()


def slips_docx(rows: list[dict], title: str, issuing_body: str) -> bytes:
    from docx.shared import Cm

    def body(document) -> None:
        for row in rows:
            paragraph = document.add_paragraph()
            paragraph.add_run(
                _("Hồ sơ %(code)s — %(unit)s") % {"code": row["dossier"], "unit": row["unit"]}
            ).bold = True
            document.add_paragraph(
                _("Mời Ông/Bà đánh giá sự phục vụ (không hỏi thông tin cá nhân), mở đường dẫn: %(link)s")
                % {"link": row["link"]}
            )
            document.add_picture(io.BytesIO(qr_png(row["link"])), width=Cm(3))
            document.add_paragraph("—" * 30)

    doc = OfficialDocument(issuing_body=issuing_body, doc_type=_("PHIẾU MỜI KHẢO SÁT"), summary=title, number="")
    return official_docx(doc, body)
