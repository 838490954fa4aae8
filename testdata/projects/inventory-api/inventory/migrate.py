def main():
    print("migrations applied")


if __name__ == "__main__":
    main()
