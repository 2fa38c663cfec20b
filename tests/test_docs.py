"""The README tells the truth: every command, the quick start, the CI command."""
import pathlib
import re

from click.testing import CliRunner

from cli import cli

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def quick_start_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_every_cli_command_is_documented_in_the_readme():
    undocumented = [name for name in cli.commands if f"kb {name}" not in README]
    assert undocumented == []


def test_every_cli_command_has_help_with_an_example():
    runner = CliRunner()
    for name in cli.commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_quick_start_is_exactly_two_commands():
    assert quick_start_commands() == [
        "pip install . && kb demo",
        "pip install '.[test]' && python -m pytest",
    ]


def test_ci_runs_the_readme_test_command():
    ci_script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert quick_start_commands()[1] in ci_script.splitlines()
