from chorus_tui.cli import main

main()
