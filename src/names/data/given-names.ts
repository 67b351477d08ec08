/**
 * Given names across Ukrainian, Russian and English, with common diminutives: one line per name,
 * `sex | Ukrainian forms | Russian forms | English and other Latin forms | diminutives`.
 * Sources: the commonest given names of men and women in Ukraine and Russia in published
 * name-frequency rankings, the calendar (sviatsi) forms, and the Ukrainian–Russian pairs of
 * ua2ru.csv (names-translator, Dmitry Chaplinsky, MIT). Names only, never persons.
 */
export const GIVEN_NAME_TABLE = `
m | Олександр Олесь | Александр | Alexander Aleksander Alex Alexandre | Саша Сашко Шура Саня Sasha Sanya
m | Сергій | Сергей | Sergei Sergey Serge Sergio | Сергійко Серьожа Сєрий Серёжа Серега Seryozha
m | Андрій | Андрей | Andrei Andrey Andrew Andreas Andre | Андрійко Андрюша Andryusha
m | Дмитро | Дмитрий | Dmitri Dmitry Dmitriy Dimitri | Дмитрик Дима Митя Діма Dima Mitya
m | Володимир | Владимир | Vladimir Volodymyr Waldemar | Володя Вова Вовчик Volodya Vova
m | Олексій | Алексей | Alexei Alexey Aleksei Alex | Альоша Льоша Алёша Лёша Alyosha Lyosha
m | Іван | Иван | Ivan John | Івась Іванко Ваня Vanya
m | Максим | Максим | Maxim Maksim Maksym Max | Макс Максимко
m | Микола | Николай | Nikolai Nikolay Mykola Nicholas Nicolas Nikolaj | Коля Миколка Kolya
m | Віталій | Виталий | Vitaly Vitalii Vitaliy | Віталік Виталик Vitalik
m | Юрій | Юрий | Yuri Yury Yurii Iurii Jurij Juri | Юра Юрко Yura
m | Євген Євгеній | Евгений | Evgeny Yevgeny Yevhen Eugene Evgeni | Женя Zhenya
m | Михайло | Михаил | Mikhail Mykhailo Michael Michail Mihail | Михась Миша Misha
m | Артем | Артём Артем | Artem Artyom Artiom | Тьома Tyoma
m | Віктор | Виктор | Viktor Victor | Вітя Витя Vitya
m | Роман | Роман | Roman | Рома Ромко Roma
m | Ігор | Игорь | Igor Ihor | Ігорко
m | Василь | Василий | Vasily Vasyl Vasiliy Vasili Basil | Вася Васько Vasya
m | Павло | Павел | Pavel Pavlo Paul | Павлик Паша Pasha
m | Олег | Олег | Oleg Oleh | Олежик
m | Денис | Денис | Denis Denys | Дениско
m | Анатолій | Анатолий | Anatoly Anatolii Anatoliy | Толя Tolya
m | Петро | Пётр Петр | Pyotr Petr Petro Peter | Петрик Петя Petya
m | Ярослав | Ярослав | Yaroslav Jaroslav Iaroslav | Ярик Слава
m | Валерій | Валерий | Valery Valerii Valeriy | Валера Valera
m | Богдан | Богдан | Bohdan Bogdan | Бодя Bodya
m | Руслан | Руслан | Ruslan |
m | Вадим | Вадим | Vadim Vadym | Вадик
m | Антон | Антон | Anton Anthony | Антоша Тоша
m | Станіслав | Станислав | Stanislav Stanislaw | Стас Слава Stas
m | Костянтин | Константин | Konstantin Kostiantyn Constantine | Костя Kostya
m | Валентин | Валентин | Valentin Valentyn | Валя
m | Геннадій | Геннадий | Gennady Hennadii Gennadiy | Гена Gena
m | Григорій | Григорий | Grigory Hryhorii Gregory | Гриша Гриць Grisha
m | Тарас | Тарас | Taras | Тарасик
m | Владислав | Владислав | Vladislav Vladyslav Wladyslaw | Влад Vlad
m | Вʼячеслав | Вячеслав | Vyacheslav Viacheslav | Слава Slava
m | Едуард | Эдуард | Eduard Edward | Едік Эдик
m | Леонід | Леонид | Leonid | Льоня Лёня
m | Борис | Борис | Boris Borys | Боря
m | Степан | Степан | Stepan Stephen Stefan | Стьопа Стёпа Степа
m | Ілля | Илья | Ilya Illia Ilia Elijah | Іллюша Илюша
m | Кирило | Кирилл | Kirill Kyrylo Cyril | Кирюша
m | Назар | Назар | Nazar | Назарко
m | Микита | Никита | Nikita Mykyta |
m | Федір | Фёдор Федор | Fyodor Fedor Fedir Theodore | Федя Fedya
m | Георгій | Георгий | Georgy Heorhii Georgiy George | Жора Гоша Zhora
m | Данило | Даниил Данила | Daniil Danylo Daniel Danila | Даня Danya
m | Артур | Артур | Artur Arthur |
m | Тимофій | Тимофей | Timofei Tymofii Timothy | Тимоха Тима
m | Семен | Семён Семен | Semyon Semen Simon | Сеня
m | Матвій | Матвей | Matvei Matvii Matthew | Мотя
m | Ростислав | Ростислав | Rostislav Rostyslav | Ростик
m | Захар | Захар | Zakhar Zachary |
m | Аркадій | Аркадий | Arkady Arkadii | Аркаша
m | Гліб | Глеб | Gleb Hlib |
m | Яків | Яков | Yakov Yakiv Jacob Jakob | Яша Yasha
m | Єгор | Егор | Yegor Egor Yehor | Єгорка
m | Тимур | Тимур | Timur Tymur |
m | Марк | Марк | Mark Marc |
m | Лев | Лев | Lev Leo | Льова Лёва
m | Всеволод | Всеволод | Vsevolod | Сева
m | Філіп | Филипп | Filipp Pylyp Philip Filip | Пилип
m | Мирослав | Мирослав | Miroslav Myroslav |
m | Святослав | Святослав | Svyatoslav Sviatoslav | Свят
m | Остап | Остап | Ostap |
m | Любомир | Любомир | Lubomir Liubomyr |
m | Зіновій | Зиновий | Zinovy Zinovii |
m | Арсен Арсеній | Арсений Арсен | Arseny Arsen Arsenii | Арсеній
m | Іларіон | Илларион | Illarion Hilarion |
m | Савелій | Савелий | Saveliy Savelii |
m | Платон | Платон | Platon Plato |
m | Давид | Давид | David Davyd |
m | Веніамін | Вениамин | Veniamin Benjamin | Веня
m | Макар | Макар | Makar |
m | Прохор | Прохор | Prokhor |
m | Трохим | Трофим | Trofim Trokhym |
m | Панас Опанас | Афанасий | Afanasy Panas Opanas Athanasius | Афоня
m | Харитон | Харитон | Khariton Kharyton |
m | Устим | Устин | Ustin Ustym Justin |
m | Кузьма | Кузьма | Kuzma |
m | Лука | Лука | Luka Luke |
m | Ігнат | Игнат | Ignat Ihnat |
m | Герман | Герман | German Herman Hermann |
m | Юхим | Ефим | Yefim Efim Yukhym | Фима
m | Родіон | Родион | Rodion | Родя
m | Тихон | Тихон | Tikhon Tykhon |
m | Мирон | Мирон | Miron Myron |
m | Нестор | Нестор | Nestor |
m | Марат | Марат | Marat |
m | Ренат | Ренат | Renat |
m | Рінат | Ринат | Rinat |
m | Рустам | Рустам | Rustam |
m | Ільдар | Ильдар | Ildar |
m | Айдар | Айдар | Aidar Aydar |
m | Азат | Азат | Azat |
m | Ельдар | Эльдар | Eldar |
m | Рамиль | Рамиль | Ramil |
m | Ільнур | Ильнур | Ilnur |
m | Радик | Радик | Radik |
m | Дамир | Дамир | Damir |
m | Фарид | Фарид | Farid |
m | Наїль | Наиль | Nail |
m | Айрат | Айрат | Airat Ayrat |
m | Ірек | Ирек | Irek |
m | Салават | Салават | Salavat |
m | Алмаз | Алмаз | Almaz |
m | Рафаель | Рафаэль | Rafael Raphael |
m | Ринат | Ринат | Rinat |
m | Камиль | Камиль | Kamil |
m | Рашид | Рашид | Rashid |
m | Шаміль | Шамиль | Shamil |
m | Магомед | Магомед | Magomed Mohammed Muhammad |
m | Ахмед | Ахмед | Akhmed Ahmed |
m | Ібрагім | Ибрагим | Ibragim Ibrahim |
m | Ісмаїл | Исмаил | Ismail |
m | Хасан | Хасан | Khasan Hasan |
m | Гусейн | Гусейн | Guseyn Huseyn |
m | Мурат | Мурат | Murat |
m | Заур | Заур | Zaur |
m | Аслан | Аслан | Aslan |
m | Алан | Алан | Alan |
m | Сослан | Сослан | Soslan |
m | Тамерлан | Тамерлан | Tamerlan |
m | Баир | Баир | Bair |
m | Булат | Булат | Bulat |
m | Арслан | Арслан | Arslan |
m | Айдын | Айдын | Aidyn |
m | Чингіз | Чингиз | Chingiz |
m | Анзор | Анзор | Anzor |
m | Геворг | Геворг | Gevorg |
m | Арам | Арам | Aram |
m | Ашот | Ашот | Ashot |
m | Гурген | Гурген | Gurgen |
m | Вахтанг | Вахтанг | Vakhtang |
m | Гіві | Гиви | Givi |
m | Реваз | Реваз | Revaz |
m | Зураб | Зураб | Zurab |
m | Ярема | Ерёма Еремей | Yeremei Yarema Jeremiah |
m | Єфрем | Ефрем | Yefrem Efrem Ephraim |
m | Єлисей | Елисей | Yelisei Elisei |
m | Єрмолай | Ермолай | Yermolai Ermolai |
m | Самійло | Самуил | Samuil Samiilo Samuel |
m | Ісак | Исаак | Isaak Isaac |
m | Аким | Аким | Akim |
m | Вікентій | Викентий | Vikenty |
m | Йосип | Иосиф Осип | Iosif Yosyp Joseph Osip |
m | Володислав | Владислав | Wladyslaw |
m | Мстислав | Мстислав | Mstislav Mstyslav |
m | Ярополк | Ярополк | Yaropolk |
m | Боримир | Боримир | Borimir |
m | Добромир | Добромир | Dobromir |
m | Радомир | Радомир | Radomir |
m | Велимир | Велимир | Velimir |
m | Мартин | Мартын | Martyn Martin |
m | Ян | Ян | Yan Jan |
m | Едгар | Эдгар | Edgar |
m | Альберт | Альберт | Albert |
m | Роберт | Роберт | Robert |
m | Рудольф | Рудольф | Rudolf |
m | Ернест | Эрнест | Ernest |
m | Оскар | Оскар | Oskar Oscar |
m | Ерік | Эрик | Erik Eric |
m | Еміль | Эмиль | Emil |
m | Адам | Адам | Adam |
m | Алім | Алим | Alim |
m | Амір | Амир | Amir |
m | Карен | Карен | Karen |
m | Левко Лев | Лев | Levko |
m | Зенон | Зенон | Zenon |
m | Орест | Орест | Orest |
m | Ілько | Илья | Ilko |
m | Омелян | Емельян | Yemelyan Omelian Emelian |
m | Корній | Корней | Kornei Kornii |
m | Лаврін Лаврентій | Лаврентий | Lavrenty Lavrin |
m | Онуфрій | Онуфрий | Onufry |
m | Пантелеймон | Пантелеймон | Panteleimon | Пантелій
m | Кіндрат | Кондрат | Kondrat Kindrat |
m | Прокіп | Прокопий | Prokopy Prokip |
m | Северин | Северин | Severin Severyn |
m | Симон | Симон | Simon |
m | Серафим | Серафим | Serafim |
m | Ананій | Анания | Anany |
m | Віссаріон | Виссарион | Vissarion |
m | Гаврило | Гавриил Гаврила | Gavriil Havrylo Gabriel | Гаврик
m | Денис | Дионисий | Dionisy |
m | Дем'ян | Демьян | Demyan Demian Damian |
m | Євдоким | Евдоким | Yevdokim |
m | Єпіфан | Епифан | Yepifan |
m | Зорян | Зорян | Zorian |
m | Ігнатій | Игнатий | Ignaty Ignatius |
m | Інокентій | Иннокентий | Innokenty | Кеша
m | Касіян | Касьян | Kasyan |
m | Климент | Климент | Kliment Clement | Клим
m | Клим | Клим | Klim |
m | Леон | Леон | Leon |
m | Маркіян | Маркиян | Markiyan Markian |
m | Мефодій | Мефодий | Mefody Methodius |
m | Мойсей | Моисей | Moisei Moses |
m | Назарій | Назарий | Nazary |
m | Нікон | Никон | Nikon |
m | Олелько | Олелько | Olelko |
m | Онисим | Анисим | Anisim Onysym |
m | Орест | Орест | Orest |
m | Остромир | Остромир | Ostromir |
m | Павлин | Павлин | Pavlin |
m | Пімен | Пимен | Pimen |
m | Полікарп | Поликарп | Polikarp |
m | Потап | Потап | Potap |
m | Роман | Роман | Roman |
m | Сава | Савва | Savva Sava |
m | Севастян | Севастьян | Sevastyan Sebastian |
m | Созонт | Созонт | Sozont |
m | Спиридон | Спиридон | Spiridon |
m | Тарас | Тарас | Taras |
m | Теодор | Теодор | Teodor |
m | Терентій | Терентий | Terenty |
m | Тит | Тит | Tit Titus |
m | Фадей | Фаддей | Faddei Thaddeus |
m | Феликс | Феликс | Felix Feliks |
m | Філімон | Филимон | Filimon |
m | Фома | Фома | Foma Thomas |
m | Фрол | Фрол | Frol |
m | Харлампій | Харлампий | Kharlampy |
m | Христофор | Христофор | Khristofor Christopher |
m | Юліан | Юлиан | Yulian Julian |
m | Юлій | Юлий | Yuly Julius |
m | Юстин | Юстин | Yustin Justin |
m | Явтух | Евтихий | Yevtikhy |
m | Ярема | Ярема | Yarema |
m | Вілен | Вилен | Vilen |
m | Владлен | Владлен | Vladlen |
m | Рем | Рем | Rem |
m | Гордій | Гордей | Gordei Hordii |
m | Добрин Добриня | Добрыня | Dobrynya |
m | Богуслав | Богуслав | Boguslav Bohuslav |
m | Владимир | Владимир | Wladimir |
m | Вітольд | Витольд | Vitold Witold |
m | Генріх | Генрих | Genrikh Henry Heinrich |
m | Гарій | Гарри | Garry Harry |
m | Густав | Густав | Gustav |
m | Дональд | Дональд | Donald |
m | Ернст | Эрнст | Ernst |
m | Жан | Жан | Zhan Jean |
m | Йоганн | Иоганн | Iogann Johann |
m | Карл | Карл | Karl Carl |
m | Людвиг | Людвиг | Lyudvig Ludwig |
m | Отто | Отто | Otto |
m | Ріхард | Рихард | Rikhard Richard |
m | Франц | Франц | Frants Franz |
m | Вальтер | Вальтер | Valter Walter |
m | Аркадій | Аркадий | Arcadius |
m | Демид | Демид | Demid |
m | Ермак | Ермак | Yermak |
m | Євстафій | Евстафий | Yevstafy Eustace |
m | Ждан | Ждан | Zhdan |
m | Ізяслав | Изяслав | Izyaslav |
m | Кім | Ким | Kim |
m | Любим | Любим | Lyubim |
m | Мар'ян | Марьян | Marian Maryan |
m | Милан | Милан | Milan |
m | Мілош | Милош | Milosh Milos |
m | Нікіфор | Никифор | Nikifor |
m | Олесь | Олесь | Oles |
m | Радим | Радим | Radim |
m | Ратмир | Ратмир | Ratmir |
m | Ростислав | Ростислав | Rostislaw |
m | Светозар | Светозар | Svetozar |
m | Станімир | Станимир | Stanimir |
m | Тимур | Тимур | Temur |
m | Фрідріх | Фридрих | Fridrikh Friedrich |
m | Хома | Фома | Khoma |
m | Юрась | Юрий | Yuras |
m | Абрам | Абрам | Abram Abraham |
m | Агафон | Агафон | Agafon |
m | Адріан | Адриан | Adrian |
m | Аполлон | Аполлон | Apollon |
m | Арнольд | Арнольд | Arnold |
m | Дементій | Дементий | Dementy |
m | Домінік | Доминик | Dominik |
m | Єлизар | Елизар | Yelizar |
m | Єрофій | Ерофей | Yerofei |
m | Захарій | Захарий | Zakhary |
m | Іполит | Ипполит | Ippolit |
m | Іраклій | Ираклий | Irakly |
m | Казимир | Казимир | Kazimir Casimir |
m | Карпо | Карп | Karp Karpo |
m | Кіндратій | Кондратий | Kondraty |
m | Лазар | Лазарь | Lazar Lazarus |
m | Леонтій | Леонтий | Leonty |
m | Лук'ян | Лукьян | Lukyan |
m | Мечислав | Мечислав | Mechislav |
m | Михей | Михей | Mikhei Micah |
m | Наум | Наум | Naum |
m | Никандр | Никандр | Nikandr |
m | Никодим | Никодим | Nikodim |
m | Парамон | Парамон | Paramon |
m | Пахом | Пахом | Pakhom |
m | Рюрик | Рюрик | Ryurik |
m | Сильвестр | Сильвестр | Silvestr |
m | Трифон | Трифон | Trifon |
m | Федот | Федот | Fedot |
m | Фотій | Фотий | Foty |
m | Еммануїл | Эммануил | Emmanuil |
m | Ераст | Эраст | Erast |
m | Артемій | Артемий | Artemy |
m | Євграф | Евграф | Yevgraf |
m | Авдій | Авдей | Avdei |
m | Альфред | Альфред | Alfred |
m | Антип | Антип | Antip |
m | Аристарх | Аристарх | Aristarkh |
m | Арсентій | Арсентий | Arsenty |
m | Валеріан | Валериан | Valerian |
m | Варлаам | Варлаам | Varlaam |
m | Венедикт | Венедикт | Venedikt Benedict |
m | Влас | Влас | Vlas |
m | Герасим | Герасим | Gerasim |
m | Гурій | Гурий | Gury |
m | Овсій | Евсей | Yevsei |
m | Зосим | Зосима | Zosima |
m | Кирʼян | Кирьян | Kiryan |
m | Митрофан | Митрофан | Mitrofan |
m | Модест | Модест | Modest |
m | Никанор | Никанор | Nikanor |
m | Панкрат | Панкрат | Pankrat |
m | Самсон | Самсон | Samson |
m | Сидір | Сидор | Sidor Sydir |
m | Яким | Яким | Yakym Yakim |
f | Олена | Елена Алёна Алена | Elena Olena Helen Helena Alena Alyona | Оленка Лена Аленка Lena
f | Наталія | Наталья Наталия | Natalia Natalya Nataliia Natalie | Наташа Ната Natasha
f | Тетяна | Татьяна | Tatiana Tatyana Tetiana Tetyana | Таня Tanya
f | Ольга | Ольга | Olga Olha Olya | Оля Olya
f | Ірина | Ирина | Irina Iryna Irene | Іра Ира Ira
f | Світлана | Светлана | Svetlana Svitlana | Світла Света Sveta
f | Юлія | Юлия | Yulia Yuliia Julia Julie Iuliia | Юля Yulya
f | Оксана | Оксана | Oksana Oxana | Ксюша
f | Анна Ганна | Анна | Anna Hanna Ann Anne | Аня Ганнуся Anya
f | Марія | Мария | Maria Mariia Mariya Mary Marie | Маша Марійка Masha
f | Людмила | Людмила | Ludmila Lyudmila Liudmyla | Люда Мила Luda
f | Валентина | Валентина | Valentina Valentyna | Валя Valya
f | Катерина | Екатерина | Ekaterina Yekaterina Kateryna Katerina Catherine Katherine | Катя Катруся Katya
f | Галина | Галина | Galina Halyna | Галя Galya
f | Надія | Надежда | Nadezhda Nadiia Nadia Nadiya | Надя Nadya
f | Вікторія | Виктория | Viktoria Victoria Viktoriia | Віка Вика Vika
f | Анастасія | Анастасия | Anastasia Anastasiia Anastasiya | Настя Nastya
f | Любов | Любовь | Lyubov Liubov | Люба Luba
f | Лариса | Лариса | Larisa Larysa | Лара
f | Алла | Алла | Alla |
f | Інна | Инна | Inna |
f | Марина | Марина | Marina Maryna | Маринка
f | Віра | Вера | Vera Vira | Віруся
f | Ніна | Нина | Nina |
f | Лілія | Лилия | Lilia Liliia Lilya | Ліля Лиля
f | Яна | Яна | Yana Iana Jana |
f | Христина | Кристина | Khrystyna Kristina Christina | Христя
f | Дарія Дарина | Дарья | Daria Dariia Darya Daryna | Даша Dasha
f | Аліна | Алина | Alina |
f | Вероніка | Вероника | Veronika Veronica | Ніка
f | Софія | София Софья | Sofia Sofiia Sophia Sofya | Соня Sonya
f | Зоя | Зоя | Zoya Zoia |
f | Раїса | Раиса | Raisa | Рая
f | Лідія | Лидия | Lidia Lidiia Lydia | Ліда Лида
f | Євгенія | Евгения | Yevgenia Evgeniya Yevheniia Eugenia | Женя
f | Олександра | Александра | Alexandra Oleksandra Aleksandra | Саша Sasha
f | Діана | Диана | Diana |
f | Карина | Карина | Karina Karyna |
f | Маргарита | Маргарита | Margarita Marharyta Margaret | Рита Rita
f | Жанна | Жанна | Zhanna Jeanne |
f | Тамара | Тамара | Tamara |
f | Зінаїда | Зинаида | Zinaida | Зіна Зина
f | Уляна | Ульяна | Ulyana Uliana Juliana | Уля
f | Поліна | Полина | Polina |
f | Ксенія | Ксения | Ksenia Kseniia Xenia | Ксюша Ksyusha
f | Єлизавета | Елизавета | Yelizaveta Elizaveta Yelyzaveta Elizabeth | Ліза Лиза Liza
f | Соломія | Соломия | Solomiia Solomiya |
f | Мирослава | Мирослава | Myroslava Miroslava | Мирося
f | Віталіна | Виталина | Vitalina |
f | Антоніна | Антонина | Antonina | Тоня
f | Ангеліна | Ангелина | Angelina Anhelina | Ліна
f | Вʼячеслава | Вячеслава | Vyacheslava |
f | Владислава | Владислава | Vladislava Vladyslava | Влада
f | Станіслава | Станислава | Stanislava |
f | Ярослава | Ярослава | Yaroslava |
f | Богдана | Богдана | Bohdana Bogdana |
f | Злата | Злата | Zlata |
f | Мілана | Милана | Milana |
f | Кіра | Кира | Kira Kyra |
f | Вікторина | Викторина | Viktorina |
f | Валерія | Валерия | Valeria Valeriia | Лера Lera
f | Еліна | Элина | Elina |
f | Евеліна | Эвелина | Evelina |
f | Ельвіра | Эльвира | Elvira |
f | Регіна | Регина | Regina |
f | Руслана | Руслана | Ruslana |
f | Тереза | Тереза | Teresa |
f | Аріна | Арина | Arina |
f | Василина | Василиса | Vasilisa Vasylyna |
f | Віолетта | Виолетта | Violetta |
f | Вікентія | Викентия | Vikentia |
f | Влада | Влада | Vlada |
f | Гелена | Гелена | Helena |
f | Дарʼя | Дарья | Darya |
f | Домініка | Доминика | Dominika |
f | Ева Єва | Ева | Eva Yeva Eve |
f | Емілія | Эмилия | Emilia |
f | Есфір | Эсфирь | Esfir Esther |
f | Зарина | Зарина | Zarina |
f | Злата | Злата | Zlata |
f | Ізабела | Изабелла | Izabella Isabella |
f | Ілона | Илона | Ilona |
f | Інесса | Инесса | Inessa |
f | Ія | Ия | Iya |
f | Калина | Калина | Kalyna |
f | Клавдія | Клавдия | Klavdia Claudia | Клава
f | Лада | Лада | Lada |
f | Леся | Леся | Lesya Lesia |
f | Майя | Майя | Maya Maiia | 
f | Мальвіна | Мальвина | Malvina |
f | Мар'яна | Марьяна Марианна | Mariana Maryana Marianna |
f | Мирослава | Мирослава | Miroslawa |
f | Наталка | Наталья | Natalka |
f | Нелля | Нелли | Nelly Nellia |
f | Ніла | Нила | Nila |
f | Олеся | Олеся | Olesya Olesia |
f | Пелагея | Пелагея | Pelageya |
f | Римма | Римма | Rimma |
f | Роксолана | Роксолана | Roksolana |
f | Роза | Роза | Roza Rosa |
f | Серафима | Серафима | Serafima |
f | Сніжана | Снежана | Snezhana Snizhana |
f | Стефанія | Стефания | Stefania Stephanie |
f | Таїсія | Таисия | Taisia Taisiya | Тая
f | Уляна | Ульяна | Ulyana |
f | Фаїна | Фаина | Faina |
f | Христя | Христина | Khrystia |
f | Элла Елла | Элла | Ella |
f | Емма | Эмма | Emma |
f | Юліана | Юлиана | Yuliana Juliana |
f | Ядвіга | Ядвига | Yadviga Jadwiga |
f | Ярина | Ярина | Yaryna |
f | Аліса | Алиса | Alisa Alice |
f | Аделіна | Аделина | Adelina |
f | Альбіна | Альбина | Albina |
f | Аніта | Анита | Anita |
f | Ада | Ада | Ada |
f | Агата | Агата | Agata Agatha |
f | Агнія | Агния | Agnia |
f | Аза | Аза | Aza |
f | Аксинія | Аксинья | Aksinya |
f | Анжела | Анжела | Anzhela Angela |
f | Ася | Ася | Asya |
f | Белла | Белла | Bella |
f | Берта | Берта | Berta |
f | Варвара | Варвара | Varvara Barbara | Варя
f | Василиса | Василиса | Vasilisa |
f | Вікторія | Виктория | Viktoriya |
f | Віолета | Виолетта | Violeta |
f | Гульнара | Гульнара | Gulnara |
f | Гузель | Гузель | Guzel |
f | Дарина | Дарина | Darina |
f | Ділара | Дилара | Dilara |
f | Доміра | Домира | Domira |
f | Евгенія | Евгения | Evgenia |
f | Єва | Ева | Yeva |
f | Єфросинія | Евфросиния | Yefrosinia | Фрося
f | Жаннета | Жаннета | Zhanneta |
f | Зульфія | Зульфия | Zulfiya |
f | Інга | Инга | Inga |
f | Ірма | Ирма | Irma |
f | Камілла | Камилла | Kamilla Camilla |
f | Кароліна | Каролина | Karolina Caroline |
f | Катаріна | Катарина | Katarina |
f | Клара | Клара | Klara Clara |
f | Лейла | Лейла | Leyla Leila |
f | Ліана | Лиана | Liana |
f | Ліліана | Лилиана | Liliana |
f | Луїза | Луиза | Luiza Louise |
f | Любава | Любава | Lyubava |
f | Людмила | Людмила | Lyudmyla |
f | Мадіна | Мадина | Madina |
f | Мілена | Милена | Milena |
f | Міла | Мила | Mila |
f | Муза | Муза | Muza |
f | Нонна | Нонна | Nonna |
f | Оксана | Оксана | Oxana |
f | Рената | Рената | Renata |
f | Розалія | Розалия | Rozalia |
f | Сабіна | Сабина | Sabina |
f | Сара | Сара | Sara Sarah |
f | Стела | Стелла | Stella |
f | Сусанна | Сусанна | Susanna |
f | Тіна | Тина | Tina |
f | Ульяна | Ульяна | Uliyana |
f | Фатіма | Фатима | Fatima |
f | Эльза Ельза | Эльза | Elza |
f | Юнона | Юнона | Yunona |
f | Ясміна | Ясмина | Yasmina |
`
