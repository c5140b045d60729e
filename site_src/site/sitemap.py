"""sitemap.xml and robots.txt. A sitemap needs absolute URLs, so it exists only with a base_url."""

from __future__ import annotations

from html import escape

from site_src.config import SiteConfig
from site_src.site import routes
from site_src.site.plan import SitePlan


def sitemap_xml(site: SiteConfig, plan: SitePlan) -> str | None:
    """Every page the plan lists in the sitemap, in every variant, each with its alternates in the
    others plus x-default."""
    if not site.base_url:
        return None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in plan.pages:
        if not page.in_sitemap:
            continue
        alternates = routes.alternates(page.route, site.variants, site.base_url)
        for _, url in alternates[:len(site.variants)]:
            lines.append(f"  <url><loc>{escape(url, quote=False)}</loc>")
            for code, href in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{escape(code)}" '
                             f'href="{escape(href)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site: SiteConfig) -> str:
    text = "User-agent: *\nAllow: /\n"
    if site.base_url:
        text += f"Sitemap: {site.base_url}{routes.SITEMAP}\n"
    return text
