from noegletal.cli import main

main()
