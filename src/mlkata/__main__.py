from mlkata.cli.main import main

main()
