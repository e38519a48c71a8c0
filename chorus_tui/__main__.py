from chorus_tui.launch import main

main()
