from perfcli.cli import main

main()
