"""cymuned.release: the digest that names kept responses changes with any template, code or
translation file, and only with them."""

from cymuned import release


def test_the_release_digest_follows_the_files_a_response_is_made_from(tmp_path, monkeypatch):
    monkeypatch.setattr(release, "PACKAGE", tmp_path)
    (tmp_path / "app").mkdir()
    page = tmp_path / "app" / "page.html"
    page.write_text("<p>one</p>")
    (tmp_path / "rules.py").write_text("LIMIT = 1\n")
    first = release.code_version.__wrapped__()
    assert release.code_version.__wrapped__() == first  # the same files, the same release
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")  # not something a response is made from
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "rules.cpython-311.py").write_text("compiled")
    assert release.code_version.__wrapped__() == first
    page.write_text("<p>two</p>")
    assert release.code_version.__wrapped__() != first
    page.write_text("<p>one</p>")
    page.rename(tmp_path / "app" / "other.html")  # a file moved is a different release
    assert release.code_version.__wrapped__() != first
