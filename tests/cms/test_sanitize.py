"""The sanitiser against payloads from the OWASP XSS Filter Evasion Cheat Sheet."""

import html
import re

import pytest
from bs4 import BeautifulSoup

from cms.sanitize import ALLOWED_TAGS, clean_html, contains_markup, strip_tags, text_to_paragraphs

OWASP_PAYLOADS = [
    "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    "<IMG onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;">Click Me!</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">Click Me</a>',
    '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29">Click Me</a>',
    "<a href=\"jav\tascript:alert('XSS');\">Click Me</a>",
    "<a href=\"jav&#x09;ascript:alert('XSS');\">Click Me</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">Click Me</a>",
    "<a href=\"jav&#x0D;ascript:alert('XSS');\">Click Me</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">Click Me</a>",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<SCRIPT SRC=//xss.rocks/.j>",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "\\\";alert('XSS');//",
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\">",
    "<IMG LOWSRC=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    "<BR SIZE=\"&{alert('XSS')}\">",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    '<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">',
    '<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>',
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',
    '<SCRIPT a=">" SRC="httx://xss.rocks/xss.js"></SCRIPT>',
    '<SCRIPT "a=\'>\'" SRC="httx://xss.rocks/xss.js"></SCRIPT>',
    '<A HREF="http://66.102.7.147/">XSS</A>',
    "<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<details open ontoggle=alert(1)>",
    "<form><button formaction=javascript:alert(1)>X</button></form>",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    '<XSS STYLE="behavior: url(xss.htc);">',
    '<p onclick="alert(1)" style="color:red">styled</p>',
]

DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)


def assert_harmless(cleaned):
    soup = BeautifulSoup(cleaned, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, f"disallowed <{tag.name}> survived: {cleaned!r}"
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), f"event handler survived: {cleaned!r}"
            assert attribute.lower() not in {"style", "src", "background", "dynsrc", "lowsrc", "formaction"}
            for item in value if isinstance(value, list) else [value]:
                unescaped = html.unescape(item).replace("\t", "").replace("\n", "").replace("\r", "")
                assert not DANGEROUS_SCHEMES.match(unescaped), f"script URL survived: {cleaned!r}"


def test_there_are_at_least_forty_payloads():
    assert len(OWASP_PAYLOADS) >= 40


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_clean_html_leaves_nothing_executable(payload):
    assert_harmless(clean_html(payload))


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_text_to_paragraphs_escapes_every_payload(payload):
    rendered = text_to_paragraphs(payload)
    soup = BeautifulSoup(rendered, "html.parser")
    assert {tag.name for tag in soup.find_all(True)} <= {"p", "br"}
    assert all(not tag.attrs for tag in soup.find_all(True))


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_strip_tags_leaves_plain_text_that_escapes_safely(payload):
    from django.utils.html import escape

    assert_harmless(escape(strip_tags(payload)))


def test_clean_html_keeps_the_allowed_formatting_and_safe_links():
    cleaned = clean_html(
        '<p>Read <a href="https://example.gov.uk/guide">the guide</a> <strong>now</strong></p>'
    )
    assert (
        '<a href="https://example.gov.uk/guide" rel="nofollow noopener noreferrer">the guide</a>' in cleaned
    )
    assert "<strong>now</strong>" in cleaned


def test_text_to_paragraphs_splits_paragraphs_and_lines():
    assert (
        text_to_paragraphs("One\nline two\n\nTwo & <three>")
        == "<p>One<br>line two</p><p>Two &amp; &lt;three&gt;</p>"
    )


def test_control_characters_are_removed():
    assert clean_html("a\x00b\x07c") == "abc"
    assert strip_tags("Nul\x00 name") == "Nul name"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jo Bloggs", False),
        ("1 < 2 and 3 > 2", False),
        ("<b>x</b>", True),
        ("<!-- x -->", True),
        ("</p>", True),
    ],
)
def test_contains_markup(text, expected):
    assert contains_markup(text) is expected
